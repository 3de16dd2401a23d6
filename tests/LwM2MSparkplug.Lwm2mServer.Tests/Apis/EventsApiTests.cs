using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

/// <summary>
/// The event log as its pollers see it: an id that changes with every start, cursors from another log or from the
/// future answered with a problem saying where to start over, and a record in the streams where events were lost.
/// </summary>
public sealed class EventsApiTests(Lwm2mServerFixture server) : IClassFixture<Lwm2mServerFixture>
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPage_NamesTheLog_InAHeaderAndInEveryEvent()
    {
        var response = await server.Http.GetAsync("/api/events?after=0", Cancel);

        var log = Assert.Single(response.Headers.GetValues("X-Event-Log"));
        var events = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.NotEqual(0, events.GetArrayLength());
        Assert.All(events.EnumerateArray(), e => Assert.Equal(log, e.GetProperty("log").GetString()));
    }

    [Fact]
    public async Task ACursorOfThisLog_Reads()
    {
        var (log, last) = await PositionAsync();

        var response = await server.Http.GetAsync($"/api/events?after={last}&log={log}", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/events?after={0}")]
    [InlineData("/api/events/stream?after={0}")]
    [InlineData("/ws/events?after={0}")]
    public async Task ACursorBeyondTheLastSequence_IsAConflictProblem_SayingWhereToStartOver(string url)
    {
        var (log, last) = await PositionAsync();

        var response = await server.Http.GetAsync(string.Format(CultureInfo.InvariantCulture, url, last + 100), HttpCompletionOption.ResponseHeadersRead, Cancel);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("beyond the last event", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(log, problem.GetProperty("log").GetString());
        Assert.Equal(1, problem.GetProperty("first_sequence").GetInt64());
        Assert.True(problem.GetProperty("last_sequence").GetInt64() >= last);
    }

    [Theory]
    [InlineData("/api/events?after=1&log=an-earlier-run")]
    [InlineData("/api/events?consumer=poller&log=an-earlier-run")]
    [InlineData("/api/events/stream?after=1&log=an-earlier-run")]
    [InlineData("/ws/events?after=1&log=an-earlier-run")]
    public async Task ACursorOfAnotherLog_IsAConflictProblem_NamingThisLog(string url)
    {
        var (log, _) = await PositionAsync();

        var response = await server.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, Cancel);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("an-earlier-run", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(log, problem.GetProperty("log").GetString());
    }

    [Fact]
    public async Task EventsLostToOverflow_AreAnnouncedInTheNdjsonStreamAndTheWebSocket_WithTheirRange()
    {
        await using var broker = await TestBroker.StartAsync();
        var configuration = broker.ClientConfiguration();
        configuration["Lwm2mServer:EventBufferCapacity"] = "2";
        await using var small = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, configuration, b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        await Eventually.UntilAsync(async () => (await small.Http.GetAsync("/api/health", Cancel)).IsSuccessStatusCode, "the server is connected to the broker");
        await using var devices = await MqttProbe.ConnectAsync(broker.Port, "overflow-probe");
        for (var i = 1; i <= 5; i++)
        {
            await devices.PublishAsync($"lwm2m/overflow-{i}/reg", """{"version":"1.2"}"""u8.ToArray());
        }
        await Eventually.UntilAsync(async () => LastSequence(await small.Http.GetAsync("/api/events?after=0", Cancel)) == 5, "five registrations recorded");

        using var stream = new StreamReader(await small.Http.GetStreamAsync("/api/events/stream?after=1", Cancel));
        var ndjson = JsonDocument.Parse((await stream.ReadLineAsync(Cancel))!).RootElement;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://localhost:{small.Http.BaseAddress!.Port}/ws/events?after=1"), Cancel);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, Cancel);
        var message = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count)).RootElement;

        foreach (var missed in new[] { ndjson, message })
        {
            Assert.Equal("events_missed", missed.GetProperty("type").GetString());
            Assert.Equal(2, missed.GetProperty("missed").GetInt64());
            Assert.Equal(2, missed.GetProperty("from_sequence").GetInt64());
            Assert.Equal(3, missed.GetProperty("to_sequence").GetInt64());
            Assert.False(string.IsNullOrEmpty(missed.GetProperty("log").GetString()));
        }
        Assert.Equal(4, JsonDocument.Parse((await stream.ReadLineAsync(Cancel))!).RootElement.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task WebSocketRoute_WithoutAnUpgrade_IsAnUpgradeRequiredProblem()
    {
        var response = await server.Http.GetAsync("/ws/events", Cancel);

        var problem = await ProblemAsync(response, HttpStatusCode.UpgradeRequired);
        Assert.Contains("WebSocket", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("websocket", response.Headers.Upgrade.ToString());
    }

    [Fact]
    public async Task Streams_WithAnEndpoint_CarryOnlyThatDevicesEvents()
    {
        var (log, last) = await PositionAsync();
        await using var devices = await MqttProbe.ConnectAsync(server.Broker.Port, "endpoint-filter-probe");
        await devices.PublishAsync("lwm2m/filter-other/reg", """{"version":"1.2"}"""u8.ToArray());
        await devices.PublishAsync("lwm2m/filter-this/reg", """{"version":"1.2"}"""u8.ToArray());

        using var stream = new StreamReader(await server.Http.GetStreamAsync($"/api/events/stream?after={last}&log={log}&endpoint=filter-this", Cancel));
        var ndjson = JsonDocument.Parse((await stream.ReadLineAsync(Cancel))!).RootElement;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://localhost:{server.Http.BaseAddress!.Port}/ws/events?after={last}&log={log}&endpoint=filter-this"), Cancel);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, Cancel);
        var message = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count)).RootElement;

        foreach (var item in new[] { ndjson, message })
        {
            Assert.Equal("filter-this", item.GetProperty("endpoint").GetString());
            Assert.Equal("registration", item.GetProperty("type").GetString());
        }
    }

    [Theory]
    [InlineData("/api/events/stream?endpoint=a%2Fb")]
    [InlineData("/ws/events?endpoint=a%23b")]
    public async Task Streams_WithAnInvalidEndpoint_AreABadRequestProblem(string path)
    {
        var problem = await ProblemAsync(await server.Http.GetAsync(path, Cancel), HttpStatusCode.BadRequest);

        Assert.Contains("'endpoint'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcknowledgingConsumer_PostsBackWhatItWrote_AndIsNotHandedItAgain()
    {
        await using var devices = await MqttProbe.ConnectAsync(server.Broker.Port, "ack-probe");
        await devices.PublishAsync("lwm2m/ack-device/reg", """{"version":"1.2"}"""u8.ToArray());
        var consumer = "ack-" + Guid.NewGuid().ToString("N")[..8];
        var handedOut = await Eventually.ValueAsync(
            async () => JsonDocument.Parse(await server.Http.GetStringAsync($"/api/events?consumer={consumer}&ack=true", Cancel)).RootElement,
            events => events.GetArrayLength() > 0,
            "the consumer is handed the events");

        using var body = new StringContent(handedOut.GetRawText(), Encoding.UTF8, "application/json");
        var acknowledged = await server.Http.PostAsync($"/api/events/ack?consumer={consumer}", body, Cancel);

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var answer = JsonDocument.Parse(await acknowledged.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("acknowledged", answer.GetProperty("result").GetString());
        var last = handedOut.EnumerateArray().Max(e => e.GetProperty("sequence").GetInt64());
        Assert.Equal(last, answer.GetProperty("committed").GetInt64());
        var again = JsonDocument.Parse(await server.Http.GetStringAsync($"/api/events?consumer={consumer}&ack=true", Cancel)).RootElement;
        Assert.DoesNotContain(again.EnumerateArray(), e => e.GetProperty("sequence").GetInt64() <= last);
    }

    [Fact]
    public async Task Acknowledgement_OfAnEarlierRunOfTheServer_ChangesNothing_AndSaysSo()
    {
        var consumer = "ack-" + Guid.NewGuid().ToString("N")[..8];
        await server.Http.GetStringAsync($"/api/events?consumer={consumer}&ack=true", Cancel);
        using var body = new StringContent("""{"log":"0123456789abcdef","sequence":1}""", Encoding.UTF8, "application/json");

        var response = await server.Http.PostAsync($"/api/events/ack?consumer={consumer}", body, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("other_log", JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("result").GetString());
    }

    [Theory]
    [InlineData("/api/events?ack=true", "GET", null, HttpStatusCode.BadRequest)]
    [InlineData("/api/events/ack?consumer=never-read", "POST", """{"log":"{log}","sequence":1}""", HttpStatusCode.NotFound)]
    [InlineData("/api/events/ack?consumer=x", "POST", """{"sequence":1}""", HttpStatusCode.BadRequest)]
    public async Task Acknowledgement_Misused_IsAProblemSayingWhy(string path, string method, string? json, HttpStatusCode status)
    {
        var (log, _) = await PositionAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json.Replace("{log}", log, StringComparison.Ordinal), Encoding.UTF8, "application/json");
        }

        var response = await server.Http.SendAsync(request, Cancel);

        var problem = await ProblemAsync(response, status);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    async Task<(string Log, long Last)> PositionAsync()
    {
        var response = await server.Http.GetAsync("/api/events?after=0&limit=1", Cancel);
        return (response.Headers.GetValues("X-Event-Log").Single(), LastSequence(response));
    }

    static long LastSequence(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("X-Last-Sequence").Single(), CultureInfo.InvariantCulture);

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"not a problem: {response.Content.Headers.ContentType} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
