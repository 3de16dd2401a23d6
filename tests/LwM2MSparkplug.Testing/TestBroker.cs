using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Standalone.Broker;
using Microsoft.Extensions.Logging.Abstractions;

namespace LwM2MSparkplug.Testing;

/// <summary>The embedded MQTTnet broker on free ports with a throw-away development CA.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    readonly TemporaryDirectory _certificates;

    TestBroker(EmbeddedMqttBroker broker, TemporaryDirectory certificates)
    {
        Broker = broker;
        _certificates = certificates;
    }

    public EmbeddedMqttBroker Broker { get; }
    public int Port => Broker.Port;
    public int TlsPort => Broker.TlsPort;
    public string CaCertificatePath => Broker.Authority.CaCertificatePath;

    public static async Task<TestBroker> StartAsync(Action<EmbeddedBrokerOptions>? configure = null)
    {
        var directory = new TemporaryDirectory();
        var options = new EmbeddedBrokerOptions { Port = FreePorts.Next(), TlsPort = FreePorts.Next(), CertificateDirectory = directory.Path };
        configure?.Invoke(options);
        var broker = new EmbeddedMqttBroker(options, NullLogger.Instance);
        await broker.StartAsync();
        return new TestBroker(broker, directory);
    }

    /// <summary>Connection settings for a client of this broker, plain or TLS.</summary>
    public MqttConnectionOptions ClientOptions(bool tls = false) => new()
    {
        Host = "localhost",
        Port = tls ? TlsPort : Port,
        UseTls = tls,
        CaCertificate = tls ? CaCertificatePath : null,
        ReconnectMinDelaySeconds = 0.05,
        ReconnectMaxDelaySeconds = 0.5,
        ConnectTimeoutSeconds = 5,
    };

    /// <summary>Configuration keys pointing a service at this broker.</summary>
    public Dictionary<string, string?> ClientConfiguration(bool tls = false) => new()
    {
        ["Mqtt:Host"] = "localhost",
        ["Mqtt:Port"] = (tls ? TlsPort : Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mqtt:UseTls"] = tls ? "true" : "false",
        ["Mqtt:CaCertificate"] = tls ? CaCertificatePath : null,
        ["Mqtt:ReconnectMinDelaySeconds"] = "0.05",
        ["Mqtt:ReconnectMaxDelaySeconds"] = "0.5",
    };

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        _certificates.Dispose();
    }
}
