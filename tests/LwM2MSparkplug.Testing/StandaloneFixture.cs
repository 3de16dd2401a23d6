using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Standalone;

namespace LwM2MSparkplug.Testing;

/// <summary>The standalone stack with three devices over TLS, on free ports, shared by the tests of a class.</summary>
public sealed class StandaloneFixture : IAsyncLifetime
{
    public const int DeviceCount = 3;

    readonly TemporaryDirectory _directory = new();

    public StandaloneApplication Application { get; private set; } = null!;
    public HttpClient Lwm2mServer { get; private set; } = null!;
    public HttpClient SparkplugHost { get; private set; } = null!;
    public HttpClient Simulator { get; private set; } = null!;
    public HttpClient Bridge { get; private set; } = null!;
    public string DeviceIdPrefix { get; } = "e2e-" + Guid.NewGuid().ToString("N")[..6];
    /// <summary>Settings on top of the fixture's own, set before <see cref="InitializeAsync"/> (e.g. authentication).</summary>
    public IReadOnlyDictionary<string, string?> ExtraSettings { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyList<string> DeviceIds => [.. Enumerable.Range(1, DeviceCount).Select(i => $"{DeviceIdPrefix}-{i:D3}")];

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Broker:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Broker:TlsPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Broker:CertificateDirectory"] = Path.Combine(_directory.Path, "certs"),
            ["Standalone:Lwm2mServerPort"] = "0",
            ["Standalone:SparkplugHostPort"] = "0",
            ["Standalone:SimulatorPort"] = "0",
            ["Standalone:BridgePort"] = "0",
            ["Standalone:DevicesUseTls"] = "true",
            ["Standalone:SummaryIntervalSeconds"] = "0",
            ["Simulator:DeviceCount"] = DeviceCount.ToString(CultureInfo.InvariantCulture),
            ["Simulator:DeviceIdPrefix"] = DeviceIdPrefix,
            ["Simulator:TelemetryIntervalSeconds"] = "0.05",
            ["Simulator:Lwm2mIntervalSeconds"] = "0.2",
            ["Simulator:StateDirectory"] = Path.Combine(_directory.Path, "state"),
            ["Lwm2mServer:RequestTimeoutSeconds"] = "3",
            // Short, so /api/overview has rates after a few seconds.
            ["Lwm2mServer:OverviewIntervalSeconds"] = "1",
            // Small, so a test can reach the limit with a few requests.
            ["Lwm2mServer:MaxObservationsPerDevice"] = "2",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }
        Application = await StandaloneApplication.StartAsync(null, settings, TestContext.Current.CancellationToken);
        Lwm2mServer = new HttpClient { BaseAddress = Application.Lwm2mServerUrl };
        SparkplugHost = new HttpClient { BaseAddress = Application.SparkplugHostUrl };
        Simulator = new HttpClient { BaseAddress = Application.SimulatorUrl };
        Bridge = new HttpClient { BaseAddress = Application.BridgeUrl };
    }

    public async Task<JsonElement> GetJsonAsync(HttpClient client, string path) =>
        await client.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Lwm2mServer.Dispose();
        SparkplugHost.Dispose();
        Simulator.Dispose();
        Bridge.Dispose();
        await Application.DisposeAsync();
        _directory.Dispose();
    }
}
