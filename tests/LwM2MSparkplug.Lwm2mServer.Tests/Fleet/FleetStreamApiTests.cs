using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

/// <summary><c>/ws/fleet</c>: the fleet page pushed over a WebSocket when it changes, within its limits.</summary>
public sealed class FleetStreamApiTests : IAsyncLifetime
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    TestBroker _broker = null!;
    FakeSparkplugHost _host = null!;
    TestService _server = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _host = await FakeSparkplugHost.StartAsync();
        _host.NodesJson = "[]";
        var configuration = _broker.ClientConfiguration();
        configuration["Lwm2mServer:SparkplugHostUrl"] = _host.Url;
        configuration["Lwm2mServer:FleetStreamIntervalSeconds"] = "0.2";
        configuration["Lwm2mServer:FleetStreamMax"] = "2";
        _server = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, configuration, b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        _server.Services.GetRequiredService<IRegistrationStore>().TryRegister(FleetMergeTests.Registration("stream-1") with { LastUpdateAt = DateTimeOffset.UtcNow }, out _);
    }

    [Fact]
    public async Task Subscriber_GetsThePageAtOnce_AndAgainWhenTheFleetChanges()
    {
        using var socket = await ConnectAsync("?filter=stream-&sort=endpoint");

        var first = await ReceiveAsync(socket);
        Assert.Equal(["stream-1"], first.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("endpoint").GetString()));

        _server.Services.GetRequiredService<IRegistrationStore>().TryRegister(FleetMergeTests.Registration("stream-2") with { LastUpdateAt = DateTimeOffset.UtcNow }, out _);
        var next = await Eventually.ValueAsync(() => ReceiveAsync(socket), page => page.GetProperty("total").GetInt32() == 2, "the page with the new device is pushed");

        Assert.Equal(["stream-1", "stream-2"], next.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("endpoint").GetString()));
    }

    [Fact]
    public async Task OneSubscriberMoreThanTheLimit_IsRefusedWith429_NamingTheSetting()
    {
        using var first = await ConnectAsync("");
        using var second = await ConnectAsync("");
        await ReceiveAsync(first);
        await ReceiveAsync(second);

        using var third = new ClientWebSocket();
        third.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => third.ConnectAsync(Address(""), Cancel));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.HttpStatusCode);
        var metrics = await _server.Http.GetStringAsync("/metrics", Cancel);
        Assert.Contains("lwm2m_limit_refusals_total{limit=\"max_fleet_streams\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("lwm2m_fleet_streams 2", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidQuery_IsABadRequestProblem_AndAPlainRequest_AnUpgradeRequiredOne()
    {
        var invalid = await _server.Http.GetAsync("/ws/fleet?limit=0", Cancel);
        var plain = await _server.Http.GetAsync("/ws/fleet", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UpgradeRequired, plain.StatusCode);
        Assert.Equal("websocket", plain.Headers.Upgrade.ToString());
    }

    Uri Address(string query) => new($"ws://localhost:{_server.Http.BaseAddress!.Port}/ws/fleet{query}");

    async Task<ClientWebSocket> ConnectAsync(string query)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(Address(query), Cancel);
        return socket;
    }

    static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, Cancel);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _host.DisposeAsync();
        await _broker.DisposeAsync();
    }
}
