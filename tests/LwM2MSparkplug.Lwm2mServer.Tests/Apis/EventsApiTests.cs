using System.Net;
using System.Text.Json;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

public sealed class EventsApiTests(Lwm2mServerFixture server) : IClassFixture<Lwm2mServerFixture>
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WebSocketRoute_WithoutAnUpgrade_IsAnUpgradeRequiredProblem()
    {
        var response = await server.Http.GetAsync("/ws/events", Cancel);

        var problem = await ProblemAsync(response, HttpStatusCode.UpgradeRequired);
        Assert.Contains("WebSocket", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("websocket", response.Headers.Upgrade.ToString());
    }

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"not a problem: {response.Content.Headers.ContentType} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
