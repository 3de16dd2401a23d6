using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LwM2MSparkplug.KafkaBridge;
using LwM2MSparkplug.LoadTest.Measuring;
using LwM2MSparkplug.Lwm2mServer;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.SparkplugHost;
using LwM2MSparkplug.Standalone;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.LoadTest.Stack;

/// <summary>
/// The standalone stack started in this process, without simulated devices: embedded broker (TLS for the devices),
/// embedded Kafka and the four services on free ports, so the load test runs on a fresh clone with nothing installed.
/// </summary>
public sealed class SelfContainedStack : IStackUnderTest
{
    readonly StandaloneApplication _application;
    readonly string _directory;

    SelfContainedStack(StandaloneApplication application, string directory)
    {
        _application = application;
        _directory = directory;
        Mqtt = new MqttConnectionOptions
        {
            Host = "localhost",
            Port = application.Broker.TlsPort,
            UseTls = true,
            CaCertificate = Path.GetFullPath(application.Broker.Authority.CaCertificatePath),
            ReconnectMinDelaySeconds = 1,
            ReconnectMaxDelaySeconds = 10,
        };
        Broker = new EmbeddedBrokerCounters(application.Broker);
        ClientIds = new ServiceClientIds(
            application.SparkplugHost.Services.GetRequiredService<IOptions<SparkplugHostOptions>>().Value.EffectiveClientId,
            application.Lwm2mServer.Services.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value.ClientId,
            application.Bridge.Services.GetRequiredService<IOptions<BridgeOptions>>().Value.EffectiveClientId);
    }

    public MqttConnectionOptions Mqtt { get; }
    public Uri? SparkplugHostUrl => _application.SparkplugHostUrl;
    public Uri? Lwm2mServerUrl => _application.Lwm2mServerUrl;
    public Uri? BridgeUrl => _application.BridgeUrl;
    public string? KafkaBootstrapServers => _application.KafkaBootstrapServers;
    public IBrokerCounters Broker { get; }
    public ServiceClientIds ClientIds { get; }
    public bool InProcess => true;

    /// <summary>Starts the stack with <paramref name="settings"/>: configuration keys (<c>Broker:MaxPendingMessagesPerClient</c>), see <see cref="ToKey"/>.</summary>
    public static async Task<SelfContainedStack> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var directory = Path.Combine(Path.GetTempPath(), "loadtest-" + Guid.NewGuid().ToString("N")[..8]);
        var overrides = new Dictionary<string, string?>
        {
            ["Broker:Port"] = FreePort(),
            ["Broker:TlsPort"] = FreePort(),
            ["Broker:CertificateDirectory"] = Path.Combine(directory, "certs"),
            ["Standalone:Lwm2mServerPort"] = "0",
            ["Standalone:SparkplugHostPort"] = "0",
            ["Standalone:SimulatorPort"] = "0",
            ["Standalone:BridgePort"] = "0",
            ["Standalone:SummaryIntervalSeconds"] = "0",
            ["Simulator:DeviceCount"] = "0",
            ["Simulator:StateDirectory"] = Path.Combine(directory, "state"),
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (name, value) in settings)
        {
            overrides[ToKey(name)] = value;
        }
        try
        {
            return new SelfContainedStack(await StandaloneApplication.StartAsync(null, overrides, cancellationToken), directory);
        }
        catch
        {
            DeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>A configuration key from a flat name (as in docs/configuration.md) or a key as it is.</summary>
    public static string ToKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (SettingGroup.Flatten(StandaloneSettings.All).FirstOrDefault(setting => string.Equals(setting.Name, name, StringComparison.OrdinalIgnoreCase)) is { } setting)
        {
            return setting.Key;
        }
        return name.Contains(':', StringComparison.Ordinal)
            ? name
            : throw new ArgumentException($"Unknown setting '{name}': use a name from docs/configuration.md (e.g. BROKER_MAX_PENDING_MESSAGES) or a configuration key (e.g. Broker:MaxPendingMessagesPerClient).", nameof(name));
    }

    public long KafkaRecordsDiscarded() => _application.EmbeddedKafka?.CountDiscardedRecords(TimeSpan.FromSeconds(5)) ?? 0;

    public string Describe() =>
        $"self-contained: embedded broker mqtts://localhost:{_application.Broker.TlsPort}, embedded Kafka {KafkaBootstrapServers}, services in this process";

    public async ValueTask DisposeAsync()
    {
        await _application.DisposeAsync();
        DeleteDirectory(_directory);
    }

    static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A temporary directory left behind is not worth failing the run for.
        }
    }
}
