using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

/// <summary><c>/api/fleet</c> over HTTP, with a fake Sparkplug host that answers and with one that is not there.</summary>
public sealed class FleetApiTests : IAsyncLifetime
{
    const string HostNodes = """
        [
          {"group_id":"plant","edge_node_id":"both-1","online":true,"bd_seq":3,"last_seq":17,"birth_time":"2026-01-01T00:00:00+00:00",
           "last_message_time":"2026-01-01T00:00:05+00:00","metrics":[{"name":"bdSeq","datatype":"Int64","value":3,"timestamp":1,"stale":false,"quality":192}],
           "devices":[{"device_id":"sensor","online":true,"metrics":[{"name":"t","datatype":"Double","value":21.5,"stale":true,"quality":500}]}],"stale":false},
          {"group_id":"plant","edge_node_id":"sparkplug-only","online":false,"bd_seq":1,"last_seq":null,"metrics":[],"devices":[],"stale":false}
        ]
        """;

    FleetServers _servers = null!;
    FakeSparkplugHost _host = null!;
    TestService _server = null!;
    TestService _serverWithoutHost = null!;

    public async ValueTask InitializeAsync()
    {
        _servers = await FleetServers.StartAsync(HostNodes, new Dictionary<string, string>
        {
            ["Lwm2mServer:SparkplugHostCacheSeconds"] = "60",
            ["Lwm2mServer:FleetPageSize"] = "10",
            ["Lwm2mServer:FleetMaxPageSize"] = "50",
        });
        (_host, _server, _serverWithoutHost) = (_servers.Host, _servers.WithHost, _servers.WithoutHost);
    }

    [Fact]
    public async Task Fleet_JoinsRegistrationsAndEdgeNodes_ByEndpoint()
    {
        var fleet = await GetAsync(_server, "/api/fleet");

        Assert.Equal(3, fleet.GetProperty("total").GetInt32());
        Assert.True(fleet.GetProperty("sparkplug_source").GetProperty("reachable").GetBoolean());
        var devices = fleet.GetProperty("devices").EnumerateArray().ToList();
        Assert.Equal(["both-1", "lwm2m-only", "sparkplug-only"], devices.Select(d => d.GetProperty("endpoint").GetString()));
        var both = devices[0];
        Assert.Equal("registered", both.GetProperty("state").GetString());
        Assert.Equal("json", both.GetProperty("dialect").GetString());
        Assert.InRange(both.GetProperty("lifetime_left_seconds").GetInt64(), 3590, 3600);
        var sparkplug = both.GetProperty("sparkplug");
        Assert.True(sparkplug.GetProperty("online").GetBoolean());
        Assert.Equal(3, sparkplug.GetProperty("bd_seq").GetInt32());
        Assert.Equal(17, sparkplug.GetProperty("last_seq").GetInt32());
        Assert.Equal(2, sparkplug.GetProperty("metric_count").GetInt32());
        Assert.Equal(1, sparkplug.GetProperty("quality").GetProperty("good").GetInt32());
        Assert.Equal(1, sparkplug.GetProperty("quality").GetProperty("stale").GetInt32());
        Assert.Equal(1, sparkplug.GetProperty("devices_online").GetInt32());
        Assert.False(devices[1].TryGetProperty("sparkplug", out _));
        Assert.Equal("unregistered", devices[2].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Fleet_ManyCallers_AskTheHostOnce_PerCacheInterval()
    {
        await GetAsync(_server, "/api/fleet");
        var before = _host.Requests;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => GetAsync(_server, "/api/fleet?filter=ONLY")));

        Assert.Equal(before, _host.Requests);
    }

    [Fact]
    public async Task Fleet_HostUnreachable_AnswersFromTheRegistry_SaysWhy_CountsIt_AndHealthStaysHealthy()
    {
        var fleet = await GetAsync(_serverWithoutHost, "/api/fleet?sort=-endpoint");

        Assert.Equal(["lwm2m-only", "both-1"], fleet.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("endpoint").GetString()));
        var source = fleet.GetProperty("sparkplug_source");
        Assert.False(source.GetProperty("reachable").GetBoolean());
        Assert.Contains("SPARKPLUG_HOST_URL", source.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(source.TryGetProperty("as_of", out _));

        var metrics = await _serverWithoutHost.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(1, PrometheusText.Value(metrics, "lwm2m_sparkplug_host_failures_total{reason=\"unreachable\"}"));
        // Waited for, as under load the broker connection of a fresh server may still be settling; the host's absence plays no part.
        var health = await Eventually.ValueAsync(
            async () => await (await _serverWithoutHost.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken),
            json => json.GetProperty("status").GetString() == "healthy",
            "the server reports healthy without its Sparkplug host");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("unavailable", health.GetProperty("sparkplug_view").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("offset=-1", "'offset'")]
    [InlineData("limit=51", "'limit'")]
    [InlineData("limit=abc", "limit")]
    [InlineData("sort=name", "'sort'")]
    [InlineData("protocol=coap", "'protocol'")]
    [InlineData("state=gone", "'state'")]
    public async Task Fleet_BadParameter_IsA400ProblemNamingIt(string query, string named)
    {
        var response = await _server.Http.GetAsync($"/api/fleet?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesTheFleetRoute()
    {
        var document = await GetAsync(_server, "/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/fleet", out var fleet));
        Assert.True(fleet.GetProperty("get").GetProperty("responses").TryGetProperty("400", out _));
    }

    static async Task<JsonElement> GetAsync(TestService server, string path) =>
        await server.Http.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _servers.DisposeAsync();
}
