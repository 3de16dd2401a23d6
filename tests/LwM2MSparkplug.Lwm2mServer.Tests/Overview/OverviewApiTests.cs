using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Overview;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Lwm2mServer.Tests.Fleet;
using LwM2MSparkplug.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Overview;

/// <summary>
/// <c>/api/overview</c> over HTTP, with a fake Sparkplug host and a fake bridge, and with neither. The sampling interval
/// is an hour, so the tests take each sample themselves (<see cref="OverviewSampler.SampleAsync"/>).
/// </summary>
public sealed class OverviewApiTests : IAsyncLifetime
{
    const string HealthyBridge = """{"status":"healthy","timestamp":"2026-01-01T00:00:00Z","mqtt_connected":true,"kafka_reachable":true,"kafka_bootstrap_servers":"kafka:9092","in_flight":3}""";

    TestBroker _broker = null!;
    FakeStackService _host = null!;
    FakeStackService _bridge = null!;
    TestService _server = null!;
    TestService _serverAlone = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _host = await FakeStackService.StartAsync();
        _host.Answer("/api/nodes", """[{"group_id":"plant","edge_node_id":"ov-both","online":true,"metrics":[],"devices":[],"stale":false},{"group_id":"plant","edge_node_id":"ov-edge","online":false,"stale":false}]""");
        _host.Answer("/api/summary", Summary(100));
        _bridge = await FakeStackService.StartAsync();
        _bridge.Answer("/api/health", HealthyBridge);
        _server = await StartServerAsync(_host.Url, _bridge.Url);
        _serverAlone = await StartServerAsync($"http://127.0.0.1:{FreePorts.Next()}", "");
    }

    async Task<TestService> StartServerAsync(string sparkplugHostUrl, string bridgeUrl)
    {
        var configuration = _broker.ClientConfiguration();
        configuration["Lwm2mServer:SparkplugHostUrl"] = sparkplugHostUrl;
        configuration["Lwm2mServer:SparkplugHostCacheSeconds"] = "60";
        configuration["Lwm2mServer:BridgeUrl"] = bridgeUrl;
        configuration["Lwm2mServer:BridgeTimeoutSeconds"] = "0.5";
        configuration["Lwm2mServer:OverviewIntervalSeconds"] = "3600";
        var server = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, configuration, b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        await Eventually.UntilAsync(async () => (await server.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode, "the server is connected to the broker");
        return server;
    }

    [Fact]
    public async Task Overview_ShowsCounts_RatesOfBothProtocols_InvalidMessages_TheBridge_AndTheLatestEvents()
    {
        var store = _server.Services.GetRequiredService<IRegistrationStore>();
        store.TryRegister(FleetMergeTests.Registration("ov-both") with { LastUpdateAt = DateTimeOffset.UtcNow }, out _);
        _server.Services.GetRequiredService<GoneDevices>().Record(FleetMergeTests.Registration("ov-left"), FleetLwm2mState.Deregistered);
        var metrics = _server.Services.GetRequiredService<Lwm2mServerMetrics>();
        metrics.InvalidMessages.WithLabels("malformed_json").Inc();
        _server.Services.GetRequiredService<EventBuffer>().Append("registration", "ov-both", DateTimeOffset.UtcNow, null);
        await SampleAsync(_server);
        metrics.Messages.WithLabels("notify").Inc(50);
        _host.Answer("/api/summary", Summary(10_100));
        await SampleAsync(_server);

        var overview = await GetAsync(_server, "/api/overview");

        var devices = overview.GetProperty("devices");
        Assert.True(devices.GetProperty("lwm2m_registered").GetInt32() >= 1);
        Assert.True(devices.GetProperty("lwm2m_deregistered").GetInt32() >= 1);
        Assert.True(devices.GetProperty("lwm2m_recently_gone").GetInt32() >= 1);
        Assert.Equal(1, devices.GetProperty("sparkplug_online").GetInt32());
        Assert.Equal(1, devices.GetProperty("sparkplug_offline").GetInt32());
        Assert.True(devices.GetProperty("both").GetInt32() >= 1);
        var rates = overview.GetProperty("rates");
        Assert.Equal(3600, rates.GetProperty("interval_seconds").GetDouble());
        Assert.True(rates.GetProperty("lwm2m").EnumerateArray().Last().GetDouble() > 0);
        Assert.True(rates.GetProperty("sparkplug").EnumerateArray().Last().GetDouble() > 0);
        Assert.Equal(rates.GetProperty("lwm2m").GetArrayLength(), rates.GetProperty("at").GetArrayLength());
        Assert.True(overview.GetProperty("invalid_messages").GetProperty("lwm2m").GetProperty("malformed_json").GetDouble() >= 1);
        Assert.Equal(4, overview.GetProperty("invalid_messages").GetProperty("sparkplug").GetProperty("invalid_protobuf").GetDouble());
        var bridge = overview.GetProperty("bridge");
        Assert.True(bridge.GetProperty("configured").GetBoolean());
        Assert.True(bridge.GetProperty("reachable").GetBoolean());
        Assert.Equal("healthy", bridge.GetProperty("status").GetString());
        Assert.Equal(3, bridge.GetProperty("in_flight").GetInt64());
        Assert.True(bridge.GetProperty("kafka_reachable").GetBoolean());
        Assert.True(overview.GetProperty("sparkplug_source").GetProperty("reachable").GetBoolean());
        Assert.True(overview.GetProperty("sparkplug_summary_source").GetProperty("reachable").GetBoolean());
        var latest = overview.GetProperty("latest_events").EnumerateArray().ToList();
        Assert.NotEmpty(latest);
        Assert.Equal(latest.Select(e => e.GetProperty("sequence").GetInt64()).OrderDescending(), latest.Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Theory]
    [InlineData("<html>not json</html>", 200, 0, "unavailable", "invalid_answer")]
    [InlineData("{\"nodes\":[]}", 200, 0, "unavailable", "invalid_answer")]
    [InlineData("{}", 500, 0, "unavailable", "http_status")]
    [InlineData(HealthyBridge, 200, 3, "unavailable", "timeout")]
    [InlineData("""{"status":"unhealthy","mqtt_connected":false,"kafka_reachable":false,"in_flight":0}""", 503, 0, "unhealthy", null)]
    public async Task Overview_ABridgeThatAnswersBadly_IsShownAsSuch_AndCounted(string json, int status, int delaySeconds, string shown, string? reason)
    {
        _bridge.Answer("/api/health", json, status, TimeSpan.FromSeconds(delaySeconds));
        var before = reason is null ? 0 : await FailuresAsync(_server, "bridge", reason);
        try
        {
            await SampleAsync(_server);

            var overview = await GetAsync(_server, "/api/overview");

            var bridge = overview.GetProperty("bridge");
            Assert.Equal(shown, bridge.GetProperty("status").GetString());
            Assert.Equal(reason is null, bridge.GetProperty("reachable").GetBoolean());
            if (reason is not null)
            {
                Assert.Contains("BRIDGE_URL", bridge.GetProperty("error").GetString() ?? "", StringComparison.Ordinal);
                Assert.Equal(before + 1, await FailuresAsync(_server, "bridge", reason));
            }
        }
        finally
        {
            _bridge.Answer("/api/health", HealthyBridge);
        }
    }

    [Fact]
    public async Task Overview_ManyCallers_AskNeitherTheHostsSummaryNorTheBridge()
    {
        await SampleAsync(_server);
        await GetAsync(_server, "/api/overview");
        var summaries = _host.Requests("/api/summary");
        var healths = _bridge.Requests("/api/health");
        var nodes = _host.Requests("/api/nodes");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => GetAsync(_server, "/api/overview")));

        Assert.Equal(summaries, _host.Requests("/api/summary"));
        Assert.Equal(healths, _bridge.Requests("/api/health"));
        Assert.Equal(nodes, _host.Requests("/api/nodes"));
    }

    [Fact]
    public async Task Overview_WithoutAHostOrABridge_StillAnswers_SayingWhy()
    {
        await SampleAsync(_serverAlone);
        await SampleAsync(_serverAlone);

        var overview = await GetAsync(_serverAlone, "/api/overview");

        Assert.False(overview.GetProperty("sparkplug_source").GetProperty("reachable").GetBoolean());
        var summarySource = overview.GetProperty("sparkplug_summary_source");
        Assert.False(summarySource.GetProperty("reachable").GetBoolean());
        Assert.Contains("SPARKPLUG_HOST_URL", summarySource.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("rates").GetProperty("sparkplug")[0].ValueKind);
        Assert.False(overview.GetProperty("invalid_messages").TryGetProperty("sparkplug", out _));
        var bridge = overview.GetProperty("bridge");
        Assert.False(bridge.GetProperty("configured").GetBoolean());
        Assert.Equal("not_configured", bridge.GetProperty("status").GetString());
        Assert.False(bridge.TryGetProperty("error", out _));
        var metrics = await _serverAlone.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.True(PrometheusText.Value(metrics, "lwm2m_overview_read_failures_total{source=\"sparkplug_host\",reason=\"unreachable\"}") >= 2);
        Assert.DoesNotContain("source=\"bridge\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_EventsParameter_LimitsTheLatestEvents()
    {
        var events = _server.Services.GetRequiredService<EventBuffer>();
        foreach (var endpoint in new[] { "ev-1", "ev-2", "ev-3" })
        {
            events.Append("update", endpoint, DateTimeOffset.UtcNow, null);
        }

        var overview = await GetAsync(_server, "/api/overview?events=2");

        var latest = overview.GetProperty("latest_events").EnumerateArray().ToList();
        Assert.Equal(2, latest.Count);
        Assert.Equal(events.LastSequence, latest[0].GetProperty("sequence").GetInt64());
        Assert.Equal(events.Log, latest[0].GetProperty("log").GetString());
    }

    [Theory]
    [InlineData("events=101", "'events'")]
    [InlineData("events=-1", "'events'")]
    [InlineData("events=abc", "events")]
    public async Task Overview_BadParameter_IsA400ProblemNamingIt(string query, string named)
    {
        var response = await _server.Http.GetAsync($"/api/overview?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fleet_ShowsAGoneDevice_WithItsStateAndLeftAt()
    {
        _server.Services.GetRequiredService<GoneDevices>().Record(FleetMergeTests.Registration("ov-expired"), FleetLwm2mState.Expired);

        var fleet = await GetAsync(_server, "/api/fleet?state=expired&filter=ov-expired");

        var device = Assert.Single(fleet.GetProperty("devices").EnumerateArray());
        Assert.Equal("expired", device.GetProperty("state").GetString());
        Assert.True(device.TryGetProperty("left_at", out _));
        Assert.Equal("id-ov-expired", device.GetProperty("registration_id").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesTheOverviewRoute()
    {
        var document = await GetAsync(_server, "/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/overview", out var overview));
        Assert.True(overview.GetProperty("get").GetProperty("responses").TryGetProperty("400", out _));
    }

    static string Summary(double total) =>
        $$"""{"host_id":"h","messages_total":{{total}},"messages":{"ndata":{{total}}},"invalid_messages":{"invalid_protobuf":4},"nodes_online":1,"nodes_known":2,"devices_online":0,"timestamp":"2026-01-01T00:00:00Z"}""";

    static Task SampleAsync(TestService server) =>
        server.Services.GetServices<IHostedService>().OfType<OverviewSampler>().Single().SampleAsync(TestContext.Current.CancellationToken);

    static async Task<double> FailuresAsync(TestService server, string source, string reason)
    {
        var metrics = await server.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        return metrics.Contains($"source=\"{source}\",reason=\"{reason}\"", StringComparison.Ordinal)
            ? PrometheusText.Value(metrics, $"lwm2m_overview_read_failures_total{{source=\"{source}\",reason=\"{reason}\"}}")
            : 0;
    }

    static async Task<JsonElement> GetAsync(TestService server, string path) =>
        await server.Http.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _serverAlone.DisposeAsync();
        await _host.DisposeAsync();
        await _bridge.DisposeAsync();
        await _broker.DisposeAsync();
    }
}
