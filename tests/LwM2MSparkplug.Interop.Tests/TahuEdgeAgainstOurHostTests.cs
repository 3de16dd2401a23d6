using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Standalone;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Interop.Tests;

/// <summary>An edge node played by Eclipse Tahu's sparkplug-client, connected to the standalone broker and read by our host.</summary>
public sealed class TahuEdgeAgainstOurHostTests : IAsyncLifetime
{
    const string Group = "TahuGroup";
    readonly TemporaryDirectory _directory = new();
    StandaloneApplication _stack = null!;
    HttpClient _host = null!;

    public async ValueTask InitializeAsync()
    {
        TahuInterop.RequireNode();
        _stack = await StandaloneApplication.StartAsync(null, new Dictionary<string, string?>
        {
            ["Broker:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Broker:TlsPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Broker:CertificateDirectory"] = _directory.Path,
            ["Standalone:Lwm2mServerPort"] = "0",
            ["Standalone:SparkplugHostPort"] = "0",
            ["Standalone:SimulatorPort"] = "0",
            ["Standalone:BridgePort"] = "0",
            ["Standalone:SummaryIntervalSeconds"] = "0",
            ["Simulator:DeviceCount"] = "0",
            ["SparkplugHost:RebirthDebounceSeconds"] = "0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }, TestContext.Current.CancellationToken);
        _host = new HttpClient { BaseAddress = _stack.SparkplugHostUrl };
    }

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
        _directory.Dispose();
    }

    [Fact]
    public async Task TahuEdge_ShowsUpOnlineWithItsMetrics_AnswersCommands_AndGoesStaleWhenItsConnectionDrops()
    {
        using var edge = TahuInterop.Start("edge.js", $"mqtt://localhost:{_stack.Broker.Port}", Group, "tahu-edge", "tahu-device");
        var output = new ProcessOutput(edge);
        await output.WaitForAsync(line => line == "born", "the Tahu edge publishes its births");

        var node = await NodeAsync(n => n.GetProperty("online").GetBoolean()
            && n.GetProperty("devices").EnumerateArray().Any(d => d.GetProperty("online").GetBoolean()
                && d.GetProperty("metrics").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "counter" && m.GetProperty("value").GetInt32() > 0)),
            "the Tahu edge node and its device are online with data");
        // sparkplug-client deviation (see the notes): bdSeq is always 0 and typed UInt64; we accept either integer type.
        Assert.Equal(0, node.GetProperty("bd_seq").GetInt32());
        var device = node.GetProperty("devices")[0];
        Assert.Equal("tahu-device", device.GetProperty("device_id").GetString());
        var metrics = device.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal("Int32", metrics["counter"].GetProperty("datatype").GetString());
        Assert.Equal(21.5, metrics["temperature"].GetProperty("value").GetDouble());
        Assert.Equal("tahu", metrics["label"].GetProperty("value").GetString());
        Assert.Equal(12345678901234UL, metrics["total"].GetProperty("value").GetUInt64());

        var rebirth = await _host.PostAsync($"/api/nodes/{Group}/tahu-edge/rebirth", null, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, rebirth.StatusCode);
        await output.WaitForAsync(line => line == "reborn", "the Tahu edge answers the rebirth request");

        var write = await _host.PostAsJsonAsync($"/api/nodes/{Group}/tahu-edge/devices/tahu-device/metrics/temperature", new { value = 30.25 }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, write.StatusCode);
        await output.WaitForAsync(line => line.StartsWith("dcmd tahu-device", StringComparison.Ordinal) && line.Contains("\"alias\":\"2\"", StringComparison.Ordinal) && line.Contains("30.25", StringComparison.Ordinal),
            "the Tahu edge receives the DCMD by alias with the value");

        // Kill the process: no DISCONNECT, so the broker publishes the NDEATH will.
        // (sparkplug-client sends its will with QoS 0 rather than 1; the broker still delivers it here.)
        edge.Kill(entireProcessTree: true);
        node = await NodeAsync(n => !n.GetProperty("online").GetBoolean(), "the host marks the killed edge offline");
        Assert.All(node.GetProperty("devices")[0].GetProperty("metrics").EnumerateArray(), m => Assert.True(m.GetProperty("stale").GetBoolean()));
    }

    async Task<JsonElement> NodeAsync(Func<JsonElement, bool> accept, string because) =>
        await Eventually.ValueAsync(async () =>
        {
            var response = await _host.GetAsync($"/api/nodes/{Group}/tahu-edge", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken) : default;
        }, n => n.ValueKind == JsonValueKind.Object && accept(n), because, TimeSpan.FromSeconds(30));
}
