using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Standalone.Broker;
using Microsoft.Extensions.Logging.Abstractions;

namespace LwM2MSparkplug.Testing;

/// <summary>The embedded MQTTnet broker on free ports with a throw-away development CA.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    readonly EmbeddedBrokerOptions _options;
    readonly TemporaryDirectory _certificates;
    bool _running = true;

    TestBroker(EmbeddedMqttBroker broker, EmbeddedBrokerOptions options, TemporaryDirectory certificates)
    {
        Broker = broker;
        _options = options;
        _certificates = certificates;
    }

    /// <summary>The running broker; a new instance after <see cref="RestartAsync"/>.</summary>
    public EmbeddedMqttBroker Broker { get; private set; }
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
        return new TestBroker(broker, options, directory);
    }

    /// <summary>Stops the broker: every client loses its connection, as when a broker crashes.</summary>
    public async Task StopAsync()
    {
        if (_running)
        {
            _running = false;
            await Broker.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts a new broker on the same ports with the same CA, holding nothing of the old one (no sessions, no
    /// retained messages), as a broker without persistence comes back after a crash.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        Broker = new EmbeddedMqttBroker(_options, NullLogger.Instance);
        await Broker.StartAsync();
        _running = true;
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

    /// <summary>Configuration keys pointing a service at several brokers at once (<c>Mqtt:Servers</c>, plain), in the given order.</summary>
    public static Dictionary<string, string?> ServersConfiguration(params TestBroker[] brokers) => new()
    {
        ["Mqtt:Servers"] = string.Join(",", brokers.Select(broker => $"mqtt://localhost:{broker.Port}")),
        ["Mqtt:ReconnectMinDelaySeconds"] = "0.05",
        ["Mqtt:ReconnectMaxDelaySeconds"] = "0.5",
    };

    /// <summary>How services name this broker's plain listener: <c>mqtt://localhost:{port}</c>.</summary>
    public string PlainUri => $"mqtt://localhost:{Port}";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _certificates.Dispose();
    }
}
