using System.Net;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

/// <summary>
/// Queue mode as a REST caller and a device see it: requests for a sleeping device are held and sent when it next
/// wakes, answered 202 unless the caller waits with <c>?timeout=</c>; the queue is bounded and held requests expire.
/// The awake time is 1 ms here, so a device sleeps as soon as it has spoken.
/// </summary>
public sealed class QueueModeTests
{
    const string Sleeper = "q-1";
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASleepingDevice_GetsTheRequestOnItsNextUpdate_AndTheCallerA202SayingWhereTheResultWillBe()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var server = await StartServerAsync(broker, []);
        await using var device = await RegisterAsync(broker, Sleeper, """{"version":"1.2","queueMode":true,"objects":"</3>;ver=1.2,</3/0>"}""");

        var view = JsonDocument.Parse(await server.Http.GetStringAsync($"/api/devices/{Sleeper}", Cancel)).RootElement;
        Assert.True(view.GetProperty("queue_mode").GetBoolean());
        var response = await server.Http.GetAsync($"/api/devices/{Sleeper}/3/0/9", Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        var requestId = queued.GetProperty("request_id").GetString();
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.Equal("read", queued.GetProperty("operation").GetString());
        Assert.Contains("/api/events", queued.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(device.Received, m => m.Topic.Contains("/cmd/", StringComparison.Ordinal));

        await device.PublishAsync($"lwm2m/{Sleeper}/update", "{}"u8.ToArray());
        var command = await device.WaitForAsync(m => m.Topic == $"lwm2m/{Sleeper}/cmd/{requestId}", "the held request goes out when the device wakes");
        Assert.Contains("/3/0/9", Encoding.UTF8.GetString(command.Payload), StringComparison.Ordinal);
        await device.PublishAsync($"lwm2m/{Sleeper}/resp/{requestId}", """{"code":"2.05","format":"senml+json","payload":[{"bn":"/3/0/9","v":87}]}"""u8.ToArray());

        var recorded = await Eventually.ValueAsync(
            async () => (await EventsAsync(server)).FirstOrDefault(e => e.GetProperty("type").GetString() == "operation" && e.GetProperty("data").GetProperty("request_id").GetString() == requestId),
            e => e.ValueKind == JsonValueKind.Object,
            "the result is recorded as an operation event");
        Assert.Equal("2.05", recorded.GetProperty("data").GetProperty("code").GetString());
    }

    [Fact]
    public async Task WithATimeout_TheCallerWaitsForTheDeviceToWakeAndAnswer()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var server = await StartServerAsync(broker, []);
        await using var device = await RegisterAsync(broker, Sleeper, """{"version":"1.2","bindingMode":"UQ","objects":"</3>;ver=1.2,</3/0>"}""");

        var read = server.Http.GetAsync($"/api/devices/{Sleeper}/3/0/9?timeout=20", Cancel);
        await Eventually.UntilAsync(async () => PrometheusText.Value(await server.Http.GetStringAsync("/metrics", Cancel), "lwm2m_queued_requests") == 1, "the request is held");
        await device.PublishAsync($"lwm2m/{Sleeper}/update", "{}"u8.ToArray());
        var command = await device.WaitForAsync(m => m.Topic.StartsWith($"lwm2m/{Sleeper}/cmd/", StringComparison.Ordinal), "the held request goes out when the device wakes");
        await device.PublishAsync(command.Topic.Replace("/cmd/", "/resp/", StringComparison.Ordinal), """{"code":"2.05","format":"senml+json","payload":[{"bn":"/3/0/9","v":87}]}"""u8.ToArray());

        var response = await read;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("87", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithATimeout_ADeviceThatDoesNotWake_Is504_AndTheRequestIsNotSentLater()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var server = await StartServerAsync(broker, []);
        await using var device = await RegisterAsync(broker, Sleeper, """{"version":"1.2","queueMode":true,"objects":"</3>;ver=1.2,</3/0>"}""");

        var response = await server.Http.GetAsync($"/api/devices/{Sleeper}/3/0/9?timeout=0.5", Cancel);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("did not wake within 0.5 s", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, PrometheusText.Value(await server.Http.GetStringAsync("/metrics", Cancel), "lwm2m_queued_requests"));
    }

    [Fact]
    public async Task PastTheQueueLimit_ARequestIsRefusedWith429NamingTheLimit_AndCounted()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var server = await StartServerAsync(broker, new() { ["Lwm2mServer:MaxQueuedRequestsPerDevice"] = "1" });
        await using var device = await RegisterAsync(broker, Sleeper, """{"version":"1.2","queueMode":true,"objects":"</3>;ver=1.2,</3/0>"}""");

        Assert.Equal(HttpStatusCode.Accepted, (await server.Http.GetAsync($"/api/devices/{Sleeper}/3/0/9", Cancel)).StatusCode);
        var refused = await server.Http.GetAsync($"/api/devices/{Sleeper}/3/0/0", Cancel);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("LWM2M_MAX_QUEUED_REQUESTS_PER_DEVICE", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(1, PrometheusText.Value(await server.Http.GetStringAsync("/metrics", Cancel), "lwm2m_limit_refusals_total{limit=\"max_queued_requests_per_device\"}"));
    }

    [Fact]
    public async Task AHeldRequest_ExpiresAfterTheMostHoldTime_WithAnEvent_AndIsCounted()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var server = await StartServerAsync(broker, new() { ["Lwm2mServer:QueuedRequestMaxWaitSeconds"] = "0.5", ["Lwm2mServer:ExpiryCheckIntervalSeconds"] = "0.1" });
        await using var device = await RegisterAsync(broker, Sleeper, """{"version":"1.2","queueMode":true,"objects":"</3>;ver=1.2,</3/0>"}""");

        var queued = JsonDocument.Parse(await (await server.Http.GetAsync($"/api/devices/{Sleeper}/3/0/9", Cancel)).Content.ReadAsStringAsync(Cancel)).RootElement;
        var requestId = queued.GetProperty("request_id").GetString();

        var expired = await Eventually.ValueAsync(
            async () => (await EventsAsync(server)).FirstOrDefault(e => e.GetProperty("type").GetString() == "queued_request_expired"),
            e => e.ValueKind == JsonValueKind.Object,
            "an expiry event is recorded");
        Assert.Equal(requestId, expired.GetProperty("data").GetProperty("request_id").GetString());
        Assert.Equal(Sleeper, expired.GetProperty("endpoint").GetString());
        var metrics = await server.Http.GetStringAsync("/metrics", Cancel);
        Assert.Equal(1, PrometheusText.Value(metrics, "lwm2m_queued_requests_expired_total"));
        Assert.Equal(0, PrometheusText.Value(metrics, "lwm2m_queued_requests"));
    }

    [Fact]
    public async Task ADeviceNotInQueueMode_IsAskedAtOnce_AndTimeoutBoundsTheWait()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var server = await StartServerAsync(broker, []);
        await using var device = await RegisterAsync(broker, "awake-1", """{"version":"1.2","bindingMode":"UQ","queueMode":false,"objects":"</3>;ver=1.2,</3/0>"}""");

        var response = await server.Http.GetAsync("/api/devices/awake-1/3/0/9?timeout=0.5", Cancel);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("did not answer within 0.5 s", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Single(device.Received, m => m.Topic.StartsWith("lwm2m/awake-1/cmd/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("abc", "'timeout'")]
    [InlineData("0", "'timeout'")]
    [InlineData("-1", "'timeout'")]
    [InlineData("100000", "LWM2M_MAX_REQUEST_TIMEOUT_SECONDS")]
    public async Task ABadTimeout_IsA400NamingTheParameter(string timeout, string detail)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var server = await StartServerAsync(broker, []);
        await using var device = await RegisterAsync(broker, "awake-1", """{"version":"1.2","objects":"</3>;ver=1.2,</3/0>"}""");

        var response = await server.Http.GetAsync($"/api/devices/awake-1/3/0/9?timeout={timeout}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresTheTimeoutParameter_AndThe202()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var server = await StartServerAsync(broker, []);

        var document = JsonDocument.Parse(await server.Http.GetStringAsync("/openapi/v1.json", Cancel)).RootElement;

        var operation = document.GetProperty("paths").GetProperty("/api/devices/{endpoint}/{objectId}/{instanceId}/{resourceId}").GetProperty("get");
        Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "timeout" && p.GetProperty("in").GetString() == "query");
        Assert.True(operation.GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(operation.GetProperty("responses").TryGetProperty("429", out _));
    }

    static async Task<TestService> StartServerAsync(TestBroker broker, Dictionary<string, string> settings)
    {
        var configuration = broker.ClientConfiguration();
        configuration["Lwm2mServer:QueueModeAwakeTimeSeconds"] = "0.001";
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }
        var server = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, configuration, b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        await Eventually.UntilAsync(async () => (await server.Http.GetAsync("/api/health", Cancel)).IsSuccessStatusCode, "the server is connected to the broker");
        return server;
    }

    static async Task<List<JsonElement>> EventsAsync(TestService server) =>
        [.. JsonDocument.Parse(await server.Http.GetStringAsync("/api/events?after=0", Cancel)).RootElement.EnumerateArray()];

    static async Task<MqttProbe> RegisterAsync(TestBroker broker, string endpoint, string register)
    {
        var device = await MqttProbe.ConnectAsync(broker.Port, endpoint, $"lwm2m/{endpoint}/#");
        await device.PublishAsync($"lwm2m/{endpoint}/reg", Encoding.UTF8.GetBytes(register));
        await device.WaitForAsync(m => m.Topic == $"lwm2m/{endpoint}/reg/ack" && Encoding.UTF8.GetString(m.Payload).Contains("2.01", StringComparison.Ordinal), "the server acknowledges the Register");
        return device;
    }
}
