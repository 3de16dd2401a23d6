using LwM2MSparkplug.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Listener;

/// <summary>
/// MQTT 5 §3.14.2.1: DISCONNECT with reason 0x04 asks the server to publish the client's Will; reason 0 asks it to
/// discard it. MQTTnet 5.2 discards it either way; the broker front publishes it for 0x04.
/// </summary>
public sealed class DisconnectWithWillTests
{
    [Theory]
    [InlineData(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage, 1)]
    [InlineData(MqttClientDisconnectOptionsReason.NormalDisconnection, 0)]
    public async Task TheWill_IsPublishedOnlyWhenTheDisconnectAsksForIt(MqttClientDisconnectOptionsReason reason, int expectedWills)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await TestBroker.StartAsync();
        await using var watcher = await MqttProbe.ConnectAsync(broker.Port, "will-watcher", "wills/#", "after/#");
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("localhost", broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("leaving")
            .WithWillTopic("wills/leaving")
            .WithWillPayload("gone"u8.ToArray())
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), ct);

        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(reason).Build(), ct);

        // A message published after the disconnect marks the point by which a Will would have arrived.
        await using var later = await MqttProbe.ConnectAsync(broker.Port, "later");
        await later.PublishAsync("after/disconnect", [1]);
        await watcher.WaitForAsync(m => m.Topic == "after/disconnect", "the marker after the disconnect");
        if (expectedWills > 0)
        {
            await watcher.WaitForAsync(m => m.Topic == "wills/leaving", "the Will");
        }
        var wills = watcher.On("wills/leaving");
        Assert.Equal(expectedWills, wills.Count);
        Assert.All(wills, will => Assert.Equal("gone"u8.ToArray(), will.Payload));
    }
}
