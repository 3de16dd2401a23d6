using System.Net;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

/// <summary>What the server reports while it has no broker connection: nothing it knows about devices is current.</summary>
public sealed class BrokerOutageTests
{
    [Fact]
    public async Task BrokerDown_DevicesAreStaleSinceTheLoss_AndStayStaleAfterTheReconnect_UntilTheDeviceIsHeardFromAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await TestBroker.StartAsync();
        await using var server = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, broker.ClientConfiguration(), b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        await Eventually.UntilAsync(async () => (await server.Http.GetAsync("/api/health", ct)).IsSuccessStatusCode, "the server is connected");
        await RegisterAsync(broker, "outage-dev");
        var current = await Eventually.ValueAsync(() => DeviceAsync(server, "outage-dev"), d => d is not null, "the device is registered");
        Assert.False(current!.Value.GetProperty("stale").GetBoolean());
        Assert.False(current.Value.TryGetProperty("stale_since", out _));

        var lostAfter = DateTimeOffset.UtcNow;
        await broker.StopAsync();

        var stale = await Eventually.ValueAsync(() => DeviceAsync(server, "outage-dev"), d => d?.TryGetProperty("stale", out var s) == true && s.GetBoolean(), "the device is reported stale");
        var staleSince = stale!.Value.GetProperty("stale_since").GetDateTimeOffset();
        Assert.InRange(staleSince, lostAfter, DateTimeOffset.UtcNow);
        Assert.True(stale.Value.GetProperty("online").GetBoolean(), "online is the last state known, qualified by stale");
        var health = await server.Http.GetAsync("/api/health", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("lost its broker connection at", await health.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        await broker.RestartAsync();
        await Eventually.UntilAsync(async () => (await server.Http.GetAsync("/api/health", ct)).IsSuccessStatusCode, "the server is connected again");
        Assert.Equal(staleSince, (await DeviceAsync(server, "outage-dev"))!.Value.GetProperty("stale_since").GetDateTimeOffset());

        await RegisterAsync(broker, "outage-dev");
        await Eventually.UntilAsync(async () => !(await DeviceAsync(server, "outage-dev"))!.Value.GetProperty("stale").GetBoolean(), "the device registered again and is current");
    }

    static async Task RegisterAsync(TestBroker broker, string endpoint)
    {
        await using var device = await MqttProbe.ConnectAsync(broker.Port, endpoint);
        await device.PublishAsync($"lwm2m/{endpoint}/reg", Encoding.UTF8.GetBytes("""{"lifetime":600,"version":"1.2","bindingMode":"U"}"""));
    }

    static async Task<JsonElement?> DeviceAsync(TestService server, string endpoint)
    {
        using var response = await server.Http.GetAsync($"/api/devices/{endpoint}", TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.Clone();
    }
}
