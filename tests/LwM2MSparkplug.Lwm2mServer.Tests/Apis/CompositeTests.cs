using System.Net;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

/// <summary>Write-Composite and Observe-Composite over REST: one request to the device for several paths.</summary>
public sealed class CompositeTests : IAsyncLifetime
{
    const string Device = $"/api/devices/{Lwm2mServerFixture.Endpoint}";
    const string CommandPrefix = $"lwm2m/{Lwm2mServerFixture.Endpoint}/cmd/";

    readonly Lwm2mServerFixture _server = new();

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task WriteComposite_SendsOneRequest_WithARecordPerPath()
    {
        var write = _server.Http.PutAsync($"{Device}/composite", Json("""{"/3/0/14":"+02:00","/1/0/1":120}"""), Cancel);
        var request = await NextRequestAsync();
        await AnswerAsync(request, """{"code":"2.04"}""");

        var response = await write;
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        var sent = JsonDocument.Parse(request.Payload).RootElement;
        Assert.Equal("write-composite", sent.GetProperty("op").GetString());
        Assert.Equal("senml+json", sent.GetProperty("format").GetString());
        var records = sent.GetProperty("payload").EnumerateArray().Select(r => r.GetRawText()).ToList();
        Assert.Equal(2, records.Count);
        Assert.Contains(records, r => r.Contains("+02:00", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Contains("120", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"/3/0/14":"+02:00","/3/0/9":5}""", HttpStatusCode.MethodNotAllowed, "Battery Level")]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "at least one")]
    [InlineData("""[]""", HttpStatusCode.BadRequest, "object")]
    [InlineData("""{"/3/x/14":"+02:00"}""", HttpStatusCode.BadRequest, "/3/x/14")]
    [InlineData("""{"/3/0":"+02:00"}""", HttpStatusCode.BadRequest, "/3/0")]
    [InlineData("""{"/1/0/1":"soon"}""", HttpStatusCode.BadRequest, "/1/0/1")]
    public async Task WriteComposite_ThatCannotBeSent_IsAProblem_AndNoRequest(string body, HttpStatusCode status, string named)
    {
        var response = await _server.Http.PutAsync($"{Device}/composite", Json(body), Cancel);

        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Contains(named, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Device.Received, m => m.Topic.StartsWith(CommandPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ObserveComposite_IsOneObservation_WhoseNotificationsAreRecordedWithAllValues()
    {
        var observe = _server.Http.PostAsync($"{Device}/composite/observe?paths=/3/0/9&paths=/3303/0/5700", null, Cancel);
        var request = await NextRequestAsync();
        var sent = JsonDocument.Parse(request.Payload).RootElement;
        Assert.Equal("observe-composite", sent.GetProperty("op").GetString());
        Assert.Equal(["/3/0/9", "/3303/0/5700"], sent.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
        var observationId = sent.GetProperty("observationId").GetString();
        await AnswerAsync(request, """{"code":"2.05","format":"senml+json","payload":[{"n":"/3/0/9","v":87},{"n":"/3303/0/5700","v":21.4}]}""");

        var response = await observe;
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.OK, answer.GetRawText());
        Assert.Equal(observationId, answer.GetProperty("observation_id").GetString());
        Assert.Equal(2, answer.GetProperty("values").GetArrayLength());
        var listed = Assert.Single(JsonDocument.Parse(await _server.Http.GetStringAsync($"{Device}/observations", Cancel)).RootElement.EnumerateArray());
        Assert.Equal(["/3/0/9", "/3303/0/5700"], listed.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));

        await _server.Device.PublishAsync($"lwm2m/{Lwm2mServerFixture.Endpoint}/notify/{observationId}",
            Encoding.UTF8.GetBytes("""{"format":"senml+json","payload":[{"n":"/3/0/9","v":86},{"n":"/3303/0/5700","v":22.5}]}"""));

        JsonElement notification = default;
        await Eventually.UntilAsync(async () =>
        {
            var events = JsonDocument.Parse(await _server.Http.GetStringAsync("/api/events?after=0&limit=100", Cancel)).RootElement;
            notification = events.EnumerateArray().FirstOrDefault(e => e.GetProperty("type").GetString() == "notification");
            return notification.ValueKind == JsonValueKind.Object;
        }, "the notification is recorded");
        var data = notification.GetProperty("data");
        Assert.Equal(["/3/0/9", "/3303/0/5700"], data.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["/3/0/9", "/3303/0/5700"], data.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task ObserveCompositeTheDeviceRefuses_LeavesNoObservationBehind()
    {
        var observe = _server.Http.PostAsync($"{Device}/composite/observe?paths=/3/0/9,/3303/0/5700", null, Cancel);
        await AnswerAsync(await NextRequestAsync(), """{"code":"4.04","error":"/3303/0/5700 does not exist"}""");

        Assert.Equal(HttpStatusCode.NotFound, (await observe).StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await _server.Http.GetStringAsync($"{Device}/observations", Cancel)).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task CancelObserveComposite_CancelsTheObservationOfThosePaths_ByItsId()
    {
        var observe = _server.Http.PostAsync($"{Device}/composite/observe?paths=/3/0/9&paths=/3303/0/5700", null, Cancel);
        var request = await NextRequestAsync();
        var observationId = JsonDocument.Parse(request.Payload).RootElement.GetProperty("observationId").GetString();
        await AnswerAsync(request, """{"code":"2.05","format":"senml+json","payload":[{"n":"/3/0/9","v":87},{"n":"/3303/0/5700","v":21.4}]}""");
        Assert.Equal(HttpStatusCode.OK, (await observe).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _server.Http.DeleteAsync($"{Device}/composite/observe?paths=/3/0/9", Cancel)).StatusCode);
        var cancel = _server.Http.DeleteAsync($"{Device}/composite/observe?paths=/3303/0/5700&paths=/3/0/9", Cancel);
        var cancelRequest = await NextRequestAsync();
        await AnswerAsync(cancelRequest, """{"code":"2.04"}""");

        var response = await cancel;
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        var sent = JsonDocument.Parse(cancelRequest.Payload).RootElement;
        Assert.Equal("cancel-observe", sent.GetProperty("op").GetString());
        Assert.Equal(observationId, sent.GetProperty("observationId").GetString());
        Assert.Equal(0, JsonDocument.Parse(await _server.Http.GetStringAsync($"{Device}/observations", Cancel)).RootElement.GetArrayLength());
    }

    readonly HashSet<string> _seen = [];

    async Task<ReceivedMessage> NextRequestAsync()
    {
        var request = await _server.Device.WaitForAsync(m => m.Topic.StartsWith(CommandPrefix, StringComparison.Ordinal) && !_seen.Contains(m.Topic), "the server sends a request");
        _seen.Add(request.Topic);
        return request;
    }

    Task AnswerAsync(ReceivedMessage request, string response) =>
        _server.Device.PublishAsync($"lwm2m/{Lwm2mServerFixture.Endpoint}/resp/{request.Topic[CommandPrefix.Length..]}", Encoding.UTF8.GetBytes(response));

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
