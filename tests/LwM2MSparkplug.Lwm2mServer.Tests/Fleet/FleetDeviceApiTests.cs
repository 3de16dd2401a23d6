using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;
using Microsoft.AspNetCore.Http;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

/// <summary>
/// <c>/api/fleet/{endpoint}</c> and the Sparkplug commands relayed to the host, over HTTP, with a fake Sparkplug host
/// that answers (behind an API key, and slow to answer commands when told) and with one that is not there.
/// </summary>
public sealed class FleetDeviceApiTests : IAsyncLifetime
{
    const string ApiKey = "fleet-test-key-0123456789";

    const string HostNodes = """
        [
          {"group_id":"plant","edge_node_id":"both-1","online":true,"bd_seq":3,"last_seq":17,"messages_per_minute":12,
           "last_message_time":"2026-01-01T00:00:05+00:00","metrics":[{"name":"bdSeq","datatype":"Int64","value":3,"timestamp":1,"stale":false,"quality":192}],
           "devices":[{"device_id":"sensor","online":true,"metrics":[{"name":"setpoint","datatype":"Double","value":21.5,"timestamp":2,"stale":false,"quality":192}]}],"stale":false},
          {"group_id":"plant","edge_node_id":"sparkplug-only","online":false,"bd_seq":1,"metrics":[],"devices":[],"stale":false}
        ]
        """;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    FleetServers _servers = null!;
    FakeSparkplugHost _host = null!;
    TestService _server = null!;
    TestService _serverWithoutHost = null!;

    public async ValueTask InitializeAsync()
    {
        _servers = await FleetServers.StartAsync(HostNodes, new Dictionary<string, string>
        {
            ["Lwm2mServer:SparkplugHostCacheSeconds"] = "60",
            ["Lwm2mServer:SparkplugHostTimeoutSeconds"] = "1",
            ["Api:Key"] = ApiKey,
        });
        (_host, _server, _serverWithoutHost) = (_servers.Host, _servers.WithHost, _servers.WithoutHost);
    }

    [Fact]
    public async Task Device_CarriesItsFleetRow_AndTheHostsWholeNodeView()
    {
        var device = await GetAsync(_server, "/api/fleet/both-1");

        Assert.Equal("both-1", device.GetProperty("endpoint").GetString());
        Assert.Equal("registered", device.GetProperty("state").GetString());
        Assert.Equal("id-both-1", device.GetProperty("registration_id").GetString());
        Assert.Equal(0, device.GetProperty("messages_per_minute").GetInt32());
        Assert.Equal(12, device.GetProperty("sparkplug").GetProperty("messages_per_minute").GetInt32());
        Assert.Equal(2, device.GetProperty("sparkplug").GetProperty("metric_count").GetInt32());
        var node = device.GetProperty("sparkplug_node");
        Assert.Equal("plant", node.GetProperty("group_id").GetString());
        Assert.Equal("Int64", node.GetProperty("metrics")[0].GetProperty("datatype").GetString());
        var setpoint = node.GetProperty("devices")[0].GetProperty("metrics")[0];
        Assert.Equal(21.5, setpoint.GetProperty("value").GetDouble());
        Assert.Equal(192, setpoint.GetProperty("quality").GetInt32());
        var source = device.GetProperty("sparkplug_source");
        Assert.True(source.GetProperty("reachable").GetBoolean());
        Assert.EndsWith("/api/nodes/plant/both-1", source.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_ReadsTheHostFresh_NotFromTheCachedList()
    {
        await GetAsync(_server, "/api/fleet/both-1");
        var nodeReads = _host.NodeRequests;
        _host.NodesJson = HostNodes.Replace("\"value\":21.5", "\"value\":22.5", StringComparison.Ordinal);
        try
        {
            var device = await GetAsync(_server, "/api/fleet/both-1");

            Assert.Equal(22.5, device.GetProperty("sparkplug_node").GetProperty("devices")[0].GetProperty("metrics")[0].GetProperty("value").GetDouble());
            Assert.Equal(nodeReads + 1, _host.NodeRequests);
        }
        finally
        {
            _host.NodesJson = HostNodes;
        }
    }

    [Fact]
    public async Task Device_OnLwm2mAlone_HasANullSparkplugNode_AndOnSparkplugAlone_IsUnregistered()
    {
        var lwm2m = await GetAsync(_server, "/api/fleet/lwm2m-only");
        var sparkplug = await GetAsync(_server, "/api/fleet/sparkplug-only");

        Assert.Equal(JsonValueKind.Null, lwm2m.GetProperty("sparkplug_node").ValueKind);
        Assert.False(lwm2m.TryGetProperty("sparkplug", out _));
        Assert.Equal("unregistered", sparkplug.GetProperty("state").GetString());
        Assert.False(sparkplug.GetProperty("sparkplug").GetProperty("online").GetBoolean());
        Assert.Equal("sparkplug-only", sparkplug.GetProperty("sparkplug_node").GetProperty("edge_node_id").GetString());
    }

    [Theory]
    [InlineData("/api/fleet/nobody", HttpStatusCode.NotFound, "'nobody'")]
    [InlineData("/api/fleet/bad%23name", HttpStatusCode.BadRequest, "'endpoint'")]
    public async Task Device_UnknownOrInvalid_IsAProblemNamingIt(string path, HttpStatusCode status, string named)
    {
        var problem = await ProblemAsync(await _server.Http.GetAsync(path, Cancel), status);

        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_HostUnreachable_AnswersTheLwm2mSide_AndSaysWhy()
    {
        var device = await GetAsync(_serverWithoutHost, "/api/fleet/both-1");

        Assert.Equal("registered", device.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, device.GetProperty("sparkplug_node").ValueKind);
        Assert.False(device.GetProperty("sparkplug_source").GetProperty("reachable").GetBoolean());
        Assert.Contains("SPARKPLUG_HOST_URL", device.GetProperty("sparkplug_source").GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebirth_IsRelayedToTheHost_WithTheApiKey_AndItsAnswerPassedOn()
    {
        var response = await PostAsync(_server, "/api/fleet/both-1/sparkplug/rebirth", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Node Control/Rebirth", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("metric_name").GetString());
        var command = Assert.Single(_host.Commands, c => c.Path == "/api/nodes/plant/both-1/rebirth");
        Assert.Equal($"Bearer {ApiKey}", command.Authorization);
    }

    [Fact]
    public async Task MetricWrites_AreRelayedWithTheirBody_AndTheHostsProblemPassedOnAsItIs()
    {
        var node = await PostAsync(_server, "/api/fleet/both-1/sparkplug/metrics/Node Control/Scan Rate", """{"value":1000}""");
        Assert.Equal(HttpStatusCode.Accepted, node.StatusCode);
        var write = Assert.Single(_host.Commands, c => c.Path == "/api/nodes/plant/both-1/metrics/Node Control/Scan Rate");
        Assert.Equal("""{"value":1000}""", write.Body);
        Assert.Equal("application/json; charset=utf-8", write.ContentType);

        _host.CommandStatus = StatusCodes.Status409Conflict;
        _host.CommandContentType = "application/problem+json";
        _host.CommandAnswer = """{"title":"Offline","status":409,"detail":"The edge node or device is offline; a command would not be delivered."}""";
        try
        {
            var device = await PostAsync(_server, "/api/fleet/both-1/sparkplug/devices/sensor/metrics/setpoint", """{"value":23.5}""");

            var problem = await ProblemAsync(device, HttpStatusCode.Conflict);
            Assert.Equal("Offline", problem.GetProperty("title").GetString());
            Assert.Contains(_host.Commands, c => c.Path == "/api/nodes/plant/both-1/devices/sensor/metrics/setpoint" && c.Body == """{"value":23.5}""");
        }
        finally
        {
            _host.AcceptCommands();
        }
    }

    [Fact]
    public async Task Commands_WithoutTheApiKey_AreRefused_AndNeverReachTheHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fleet/both-1/sparkplug/devices/sensor/metrics/without-key")
        {
            Content = new StringContent("""{"value":1}""", Encoding.UTF8, "application/json"),
        };

        var response = await _server.Http.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(_host.Commands, c => c.Path.EndsWith("without-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commands_ForAnUnknownNode_Are404_AndAnInvalidDeviceId_Is400()
    {
        await ProblemAsync(await PostAsync(_server, "/api/fleet/lwm2m-only/sparkplug/rebirth", null), HttpStatusCode.NotFound);
        var problem = await ProblemAsync(await PostAsync(_server, "/api/fleet/both-1/sparkplug/devices/a%2Bb/metrics/x", """{"value":1}"""), HttpStatusCode.BadRequest);
        Assert.Contains("'deviceId'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_HostUnreachable_Is502_AndHostTooSlow_Is504_NamingTheSetting_AndBothAreCounted()
    {
        var unreachable = await ProblemAsync(await PostAsync(_serverWithoutHost, "/api/fleet/both-1/sparkplug/rebirth", null), HttpStatusCode.BadGateway);
        Assert.Contains("SPARKPLUG_HOST_URL", unreachable.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await GetAsync(_server, "/api/fleet");
        _host.CommandDelay = TimeSpan.FromSeconds(3);
        try
        {
            var slow = await ProblemAsync(await PostAsync(_server, "/api/fleet/both-1/sparkplug/devices/sensor/metrics/slow", """{"value":1}"""), HttpStatusCode.GatewayTimeout);
            Assert.Contains("SPARKPLUG_HOST_TIMEOUT_SECONDS", slow.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            _host.AcceptCommands();
        }
        Assert.True(PrometheusText.Value(await _serverWithoutHost.Http.GetStringAsync("/metrics", Cancel), "lwm2m_sparkplug_host_failures_total{reason=\"unreachable\"}") >= 1);
        Assert.Equal(1, PrometheusText.Value(await _server.Http.GetStringAsync("/metrics", Cancel), "lwm2m_sparkplug_host_failures_total{reason=\"timeout\"}"));
    }

    [Fact]
    public async Task OpenApi_DescribesTheDeviceAndCommandRoutes()
    {
        var paths = (await GetAsync(_server, "/openapi/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/fleet/{endpoint}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(paths.TryGetProperty("/api/fleet/{endpoint}/sparkplug/rebirth", out _));
        Assert.True(paths.GetProperty("/api/fleet/{endpoint}/sparkplug/devices/{deviceId}/metrics/{name}").GetProperty("post").GetProperty("responses").TryGetProperty("504", out _));
    }

    static async Task<JsonElement> GetAsync(TestService server, string path) =>
        await server.Http.GetFromJsonAsync<JsonElement>(path, Cancel);

    static async Task<HttpResponseMessage> PostAsync(TestService server, string path, string? json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-API-Key", ApiKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await server.Http.SendAsync(request, Cancel);
    }

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    public ValueTask DisposeAsync() => _servers.DisposeAsync();
}
