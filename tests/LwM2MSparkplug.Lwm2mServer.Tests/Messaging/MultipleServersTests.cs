using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Messaging;

/// <summary>
/// With several MQTT servers the LwM2M server listens on all of them at once, answers a device on the server its
/// message came from and sends it requests on the server it registered on: a device that moved stays manageable.
/// </summary>
public sealed class MultipleServersTests
{
    [Fact]
    public async Task ADeviceOnTheSecondServer_IsAcknowledgedAndAskedThere_AndStaysReachableWhileTheFirstIsDown()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await TestBroker.StartAsync();
        await using var second = await TestBroker.StartAsync();
        await using var server = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, TestBroker.ServersConfiguration(first, second), b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        // Healthy, not only 200 (degraded answers 200 too): connected and subscribed on both brokers.
        await Eventually.UntilAsync(async () => (await (await server.Http.GetAsync("/api/health", ct)).Content.ReadAsStringAsync(ct)).Contains("\"status\":\"healthy\"", StringComparison.Ordinal), "the server is up on both brokers");
        await using var onFirst = await MqttProbe.ConnectAsync(first.Port, "watcher", "lwm2m/#");
        await using var device = await MqttProbe.ConnectAsync(second.Port, "moved-dev", "lwm2m/moved-dev/#");

        await device.PublishAsync("lwm2m/moved-dev/reg", """{"version":"1.2","objects":"</3>;ver=1.2,</3/0>"}"""u8.ToArray());
        await device.WaitForAsync(m => m.Topic == "lwm2m/moved-dev/reg/ack" && Encoding.UTF8.GetString(m.Payload).Contains("2.01", StringComparison.Ordinal), "the Register is acknowledged on the server it came from");
        var view = await server.Http.GetFromJsonAsync<JsonElement>("/api/devices/moved-dev", ct);
        Assert.Equal(second.PlainUri, view.GetProperty("server").GetString());

        var read = server.Http.GetAsync("/api/devices/moved-dev/3/0/0", ct);
        var request = await device.WaitForAsync(m => m.Topic.StartsWith("lwm2m/moved-dev/cmd/", StringComparison.Ordinal), "the request goes to the server the device registered on");
        await device.PublishAsync($"lwm2m/moved-dev/resp/{request.Topic["lwm2m/moved-dev/cmd/".Length..]}", """{"code":"2.05","format":"text","payload":"Moved Ltd"}"""u8.ToArray());
        var answer = await read;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.DoesNotContain(onFirst.Received, m => m.Topic.StartsWith("lwm2m/moved-dev/", StringComparison.Ordinal));

        await first.StopAsync();

        var health = await Eventually.ValueAsync(
            async () => await (await server.Http.GetAsync("/api/health", ct)).Content.ReadFromJsonAsync<JsonElement>(ct),
            h => h.GetProperty("status").GetString() != "healthy",
            "the server reports the first broker lost");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var check = health.GetProperty("checks").GetProperty("mqtt").GetProperty("description").GetString();
        Assert.Contains("is connected to 1 of 2 servers (", check, StringComparison.Ordinal);
        Assert.Contains(first.PlainUri, check, StringComparison.Ordinal);
        Assert.False((await server.Http.GetFromJsonAsync<JsonElement>("/api/devices/moved-dev", ct)).GetProperty("stale").GetBoolean());
        var again = server.Http.GetAsync("/api/devices/moved-dev/3/0/0", ct);
        var next = await device.WaitForAsync(m => m.Topic.StartsWith("lwm2m/moved-dev/cmd/", StringComparison.Ordinal) && m.Topic != request.Topic, "the next request goes to the second server too");
        await device.PublishAsync($"lwm2m/moved-dev/resp/{next.Topic["lwm2m/moved-dev/cmd/".Length..]}", """{"code":"2.05","format":"text","payload":"Moved Ltd"}"""u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, (await again).StatusCode);
    }

    [Fact]
    public async Task TheDeathOfTheConnectionADeviceLeft_DoesNotMarkItOffline_OnceItRegisteredOnItsNewServer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await TestBroker.StartAsync();
        await using var second = await TestBroker.StartAsync();
        await using var server = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, TestBroker.ServersConfiguration(first, second), b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        await Eventually.UntilAsync(async () => (await (await server.Http.GetAsync("/api/health", ct)).Content.ReadAsStringAsync(ct)).Contains("\"status\":\"healthy\"", StringComparison.Ordinal), "the server is up on both brokers");
        await using var oldConnection = await MqttProbe.ConnectAsync(first.Port, "walker-old");
        await oldConnection.PublishAsync("spBv1.0/G/NBIRTH/walker", NodeBirth(5), MqttQualityOfServiceLevel.AtMostOnce);
        await using var device = await MqttProbe.ConnectAsync(second.Port, "walker", "lwm2m/walker/#");

        // The device walked: it registers on the second server before its old connection's death is handled.
        await device.PublishAsync("lwm2m/walker/reg", """{"version":"1.2","objects":"</3>;ver=1.2,</3/0>"}"""u8.ToArray());
        await device.WaitForAsync(m => m.Topic == "lwm2m/walker/reg/ack", "the Register is acknowledged");
        await oldConnection.PublishAsync("spBv1.0/G/NDEATH/walker", NodeDeath(5));

        await Eventually.UntilAsync(async () => (await DeviceSparkplugAsync(server, "walker"))?.GetProperty("online").GetBoolean() == false, "the old session's death is seen");
        var view = await server.Http.GetFromJsonAsync<JsonElement>("/api/devices/walker", ct);
        Assert.True(view.GetProperty("online").GetBoolean(), "the registration made on the second server stays online");
    }

    static async Task<JsonElement?> DeviceSparkplugAsync(TestService server, string endpoint)
    {
        var response = await server.Http.GetAsync($"/api/devices/{endpoint}", TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode
            && (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).TryGetProperty("sparkplug", out var sparkplug)
            ? sparkplug
            : null;
    }

    static byte[] NodeBirth(long bdSeq)
    {
        var birth = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, 0);
        birth.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("bdSeq", null, 1, MetricValue.FromInt64(bdSeq))));
        return birth.ToByteArray();
    }

    static byte[] NodeDeath(long bdSeq)
    {
        var death = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, null);
        death.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("bdSeq", null, 1, MetricValue.FromInt64(bdSeq))));
        return death.ToByteArray();
    }
}
