using System.Text;
using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace LwM2MSparkplug.SparkplugHost.Tests;

/// <summary>Sparkplug 3.0 §5.2 host session establishment and termination, observed on a real broker.</summary>
public sealed class HostStateTests
{
    [Fact]
    public async Task Birth_IsRetainedQos1Online_WithTheWillTimestamp_AndTheWillIsOfflineWithTheSameTimestamp()
    {
        await using var harness = await SparkplugHostHarness.StartAsync();
        await using var watcher = await MqttProbe.ConnectAsync(harness.Broker.Port, "state-watcher", harness.StateTopic);

        var birth = await watcher.WaitForAsync(m => m.Topic == harness.StateTopic, "the retained online STATE");
        Assert.True(HostState.TryParse(birth.Sequence, out var online));
        Assert.True(online.Online);
        Assert.True(birth.Retain, "STATE birth is retained");
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, birth.QualityOfService);
        Assert.InRange(online.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var clientId = (await harness.Broker.Broker.GetClientsAsync()).Single(c => c.Id.StartsWith("sparkplug-host-", StringComparison.Ordinal)).Id;
        await harness.Broker.Broker.Server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.UnspecifiedError });

        var will = await watcher.WaitForAsync(m => m.Topic == harness.StateTopic && HostState.TryParse(m.Sequence, out var s) && !s.Online, "the offline Will");
        Assert.True(HostState.TryParse(will.Sequence, out var offline));
        Assert.Equal(online.Timestamp, offline.Timestamp);
        await watcher.WaitForAsync(m => m.Topic == harness.StateTopic && HostState.TryParse(m.Sequence, out var s) && s.Online && s.Timestamp > online.Timestamp,
            "a new online STATE with a newer timestamp after reconnecting");
    }

    [Fact]
    public async Task OwnOfflineState_IsAnsweredWithOnline_CarryingTheSessionTimestamp()
    {
        await using var harness = await SparkplugHostHarness.StartAsync();
        await using var impostor = await MqttProbe.ConnectAsync(harness.Broker.Port, "impostor", harness.StateTopic);
        var birth = await impostor.WaitForAsync(m => m.Topic == harness.StateTopic, "the host's online STATE");
        Assert.True(HostState.TryParse(birth.Sequence, out var online));

        await impostor.PublishAsync(harness.StateTopic, new HostState(false, online.Timestamp).ToJsonBytes(), retain: true);

        await Eventually.UntilAsync(() => impostor.On(harness.StateTopic).Count(m => HostState.TryParse(m.Sequence, out var s) && s.Online && s.Timestamp == online.Timestamp) >= 2,
            "the host republishes online with the same timestamp");
    }

    [Fact]
    public async Task IntentionalStop_PublishesOfflineStateFirst()
    {
        var harness = await SparkplugHostHarness.StartAsync();
        // The probes say goodbye before the broker goes: they are disposed at the end of the try block.
        try
        {
            await using var watcher = await MqttProbe.ConnectAsync(harness.Broker.Port, "stop-watcher", harness.StateTopic);
            await watcher.WaitForAsync(m => m.Topic == harness.StateTopic, "the online STATE");

            await harness.Host.DisposeAsync();

            await watcher.WaitForAsync(m => HostState.TryParse(m.Sequence, out var s) && !s.Online, "the offline STATE on stop");
            await using var latecomer = await MqttProbe.ConnectAsync(harness.Broker.Port, "late-watcher", harness.StateTopic);
            var retained = await latecomer.WaitForAsync(m => m.Topic == harness.StateTopic, "the retained STATE");
            Assert.True(retained.Retain);
            Assert.Contains("\"online\":false", Encoding.UTF8.GetString(retained.Payload), StringComparison.Ordinal);
        }
        finally
        {
            await harness.Broker.DisposeAsync();
        }
    }
}
