using System.Text;
using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace LwM2MSparkplug.SparkplugHost.Tests;

/// <summary>
/// The host's session as the broker sees it (Sparkplug 3.0 §5.2): the CONNECT's flags, what the host does first and
/// in which order, the Will as the broker sends it, and what goes out on a deliberate stop.
/// </summary>
public sealed class HostSessionWireTests
{
    const string HostClientPrefix = "sparkplug-host-";

    [Fact]
    public async Task Connect_IsACleanStartWithNoSessionExpiry_ThenBothSubscriptions_ThenTheOnlineStateAsTheFirstPublish()
    {
        var broker = await TestBroker.StartAsync();
        var wiretap = BrokerWiretap.Attach(broker);
        await using var harness = await SparkplugHostHarness.StartAsync(broker: broker);

        await Eventually.UntilAsync(() => wiretap.Of(HostClientPrefix).Any(e => e.Kind == WiretapKind.Publish), "the host publishes");
        var events = wiretap.Of(HostClientPrefix);

        var connect = events[0];
        Assert.Equal(WiretapKind.Connect, connect.Kind);
        Assert.True(connect.CleanStart, "Clean Start is set");
        Assert.Equal(0u, connect.SessionExpiryInterval);

        var firstPublish = events.First(e => e.Kind == WiretapKind.Publish);
        var beforeIt = events.TakeWhile(e => e.Kind != WiretapKind.Publish).ToList();
        Assert.Contains(beforeIt, e => e.Kind == WiretapKind.Subscribe && e.Topic == harness.StateTopic);
        Assert.Contains(beforeIt, e => e.Kind == WiretapKind.Subscribe && e.Topic == "spBv1.0/#");

        Assert.Equal(harness.StateTopic, firstPublish.Topic);
        Assert.True(HostState.TryParse(new(firstPublish.Payload!), out var birth));
        Assert.True(birth.Online);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, firstPublish.QualityOfService);
        Assert.True(firstPublish.Retain, "the STATE birth is retained");
    }

    [Fact]
    public async Task Will_IsSentByTheBrokerOnAnUnexpectedLoss_WithQos1_Retained_AndTheSessionTimestamp()
    {
        var broker = await TestBroker.StartAsync();
        var wiretap = BrokerWiretap.Attach(broker);
        await using var harness = await SparkplugHostHarness.StartAsync(broker: broker);
        var online = await FirstStateAsync(wiretap, harness.StateTopic);
        Assert.True(HostState.TryParse(new(online.Payload!), out var birth));

        var clientId = (await broker.Broker.GetClientsAsync()).Single(c => c.Id.StartsWith(HostClientPrefix, StringComparison.Ordinal)).Id;
        await broker.Broker.Server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.UnspecifiedError });

        var will = await Eventually.ValueAsync(
            () => Task.FromResult(wiretap.PublishesOn(harness.StateTopic).FirstOrDefault(p => HostState.TryParse(new(p.Payload!), out var s) && !s.Online)),
            p => p is not null, "the broker sends the offline Will");
        Assert.True(HostState.TryParse(new(will!.Payload!), out var death));
        Assert.Equal(birth.Timestamp, death.Timestamp);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, will.QualityOfService);
        Assert.True(will.Retain, "the Will is retained");
    }

    [Fact]
    public async Task IntentionalStop_PublishesItsOwnOfflineState_NewerThanTheSession_Qos1Retained_ThenDisconnectsCleanly_AndTheWillIsNotSent()
    {
        var broker = await TestBroker.StartAsync();
        var wiretap = BrokerWiretap.Attach(broker);
        var harness = await SparkplugHostHarness.StartAsync(broker: broker);
        try
        {
            var online = await FirstStateAsync(wiretap, harness.StateTopic);
            Assert.True(HostState.TryParse(new(online.Payload!), out var birth));
            // The stop's STATE carries the time of the stop; let the clock move past the session's T so the two differ.
            await Eventually.UntilAsync(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > birth.Timestamp, "the clock passes T");

            await harness.Host.DisposeAsync();

            await Eventually.UntilAsync(() => wiretap.Of(HostClientPrefix).Any(e => e.Kind == WiretapKind.Disconnect), "the host disconnects");
            var afterBirth = wiretap.Of(HostClientPrefix).SkipWhile(e => e.Kind != WiretapKind.Publish || e.Topic != harness.StateTopic).Skip(1).ToList();
            var death = afterBirth.Single(e => e.Kind == WiretapKind.Publish && e.Topic == harness.StateTopic);
            Assert.True(HostState.TryParse(new(death.Payload!), out var offline));
            Assert.False(offline.Online);
            Assert.True(offline.Timestamp > birth.Timestamp, "the offline STATE is the host's own, newer than the Will's T");
            Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, death.QualityOfService);
            Assert.True(death.Retain, "the offline STATE is retained");
            var disconnect = afterBirth.Single(e => e.Kind == WiretapKind.Disconnect);
            Assert.True(afterBirth.IndexOf(death) < afterBirth.IndexOf(disconnect), "the offline STATE goes out before the DISCONNECT");
            Assert.Equal(MqttClientDisconnectType.Clean, disconnect.DisconnectType);

            // The Will (timestamp T) was discarded: the retained STATE is still the host's own newer one.
            await using var latecomer = await MqttProbe.ConnectAsync(broker.Port, "late-watcher", harness.StateTopic);
            var retained = await latecomer.WaitForAsync(m => m.Topic == harness.StateTopic, "the retained STATE");
            Assert.True(HostState.TryParse(retained.Sequence, out var kept));
            Assert.Equal(offline.Timestamp, kept.Timestamp);
            Assert.DoesNotContain(wiretap.PublishesOn(harness.StateTopic), p => HostState.TryParse(new(p.Payload!), out var s) && !s.Online && s.Timestamp == birth.Timestamp);
            Assert.Contains("\"online\":false", Encoding.UTF8.GetString(retained.Payload), StringComparison.Ordinal);
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }

    static async Task<WiretapEvent> FirstStateAsync(BrokerWiretap wiretap, string topic) =>
        (await Eventually.ValueAsync(() => Task.FromResult(wiretap.PublishesOn(topic) is [var first, ..] ? first : null), p => p is not null, "the online STATE"))!;
}
