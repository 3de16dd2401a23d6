using System.Net;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

public sealed class ObserveTests : IAsyncLifetime
{
    readonly Lwm2mServerFixture _server = new();

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task ANotificationArrivingBeforeTheObserveAnswer_IsTheObservationsFirstNotification_NotAnUnknownOne()
    {
        var cancel = TestContext.Current.CancellationToken;
        var observe = _server.Http.PostAsync($"/api/devices/{Lwm2mServerFixture.Endpoint}/3303/0/5700/observe", null, cancel);
        var request = await _server.Device.WaitForAsync(m => m.Topic.Contains("/cmd/", StringComparison.Ordinal), "the server sends the Observe");
        var observationId = JsonDocument.Parse(request.Payload).RootElement.GetProperty("observationId").GetString();

        // The device notifies at once; the server sees it before the answer to the Observe.
        await _server.Device.PublishAsync($"lwm2m/{Lwm2mServerFixture.Endpoint}/notify/{observationId}",
            Encoding.UTF8.GetBytes("""{"format":"senml+json","payload":[{"n":"/3303/0/5700","v":21.5}]}"""));
        await _server.Device.PublishAsync($"lwm2m/{Lwm2mServerFixture.Endpoint}/resp/{request.Topic[(request.Topic.LastIndexOf('/') + 1)..]}",
            Encoding.UTF8.GetBytes("""{"code":"2.05","format":"text","payload":"21.5"}"""));

        Assert.Equal(HttpStatusCode.OK, (await observe).StatusCode);
        await Eventually.UntilAsync(async () => PrometheusText.Value(await _server.Http.GetStringAsync("/metrics", cancel), "lwm2m_notifications_total") == 1,
            "the notification counted for its observation");
        Assert.Equal(0, await _server.InvalidMessagesAsync("unknown_observation"));
    }

    [Fact]
    public async Task AnObserveTheDeviceRefuses_LeavesNoObservationBehind()
    {
        var cancel = TestContext.Current.CancellationToken;
        var observe = _server.Http.PostAsync($"/api/devices/{Lwm2mServerFixture.Endpoint}/3303/0/5700/observe", null, cancel);
        await _server.AnswerNextRequestAsync("""{"code":"4.05"}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await observe).StatusCode);
        var observations = await _server.Http.GetStringAsync($"/api/devices/{Lwm2mServerFixture.Endpoint}/observations", cancel);
        Assert.Equal(0, JsonDocument.Parse(observations).RootElement.GetArrayLength());
    }
}
