using System.Collections.Concurrent;
using LwM2MSparkplug.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Routing;

/// <summary>
/// Devices' subscriptions to their own topics, which the embedded broker routes through its own index rather than
/// MQTTnet's sessions: through real MQTT clients, they behave as MQTT says a subscription does.
/// </summary>
public sealed class OwnTopicRoutingTests : IAsyncLifetime
{
    const string Command = "spBv1.0/G/NCMD/dev-1";
    const string DeviceCommand = "spBv1.0/G/DCMD/dev-1/+";
    const string State = "spBv1.0/STATE/host";

    TestBroker _broker = null!;
    IMqttClient _publisher = null!;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _publisher = await ConnectAsync("publisher", new ConcurrentQueue<Received>());
    }

    public async ValueTask DisposeAsync()
    {
        _publisher.Dispose();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Commands_ReachTheDevice_AtTheGrantedQos_NotRetained_AndWithAPacketIdentifier()
    {
        var device = new ConcurrentQueue<Received>();
        var service = new ConcurrentQueue<Received>();
        using var deviceClient = await ConnectAsync("dev-1", device, (Command, MqttQualityOfServiceLevel.AtLeastOnce), (DeviceCommand, MqttQualityOfServiceLevel.AtMostOnce));
        using var serviceClient = await ConnectAsync("service", service, ("spBv1.0/#", MqttQualityOfServiceLevel.AtLeastOnce));
        // The device's two filters are the broker's own; the service's wildcard stays with MQTTnet.
        Assert.Equal(2, _broker.Broker.OwnTopicSubscriptionCount);

        await PublishAsync(Command, MqttQualityOfServiceLevel.AtLeastOnce, retain: false);
        await PublishAsync("spBv1.0/G/DCMD/dev-1/sensor", MqttQualityOfServiceLevel.AtLeastOnce, retain: false);
        await PublishAsync("spBv1.0/G/NCMD/dev-2", MqttQualityOfServiceLevel.AtLeastOnce, retain: false);

        await Eventually.UntilAsync(() => device.Count == 2 && service.Count == 3, "the device got its two commands and the service all three");
        var command = device.Single(m => m.Topic == Command);
        Assert.Equal((MqttQualityOfServiceLevel.AtLeastOnce, false), (command.Qos, command.Retain));
        Assert.NotEqual(0, command.PacketIdentifier);
        var deviceCommand = device.Single(m => m.Topic == "spBv1.0/G/DCMD/dev-1/sensor");
        Assert.Equal(MqttQualityOfServiceLevel.AtMostOnce, deviceCommand.Qos);
        Assert.DoesNotContain(device, m => m.Topic == "spBv1.0/G/NCMD/dev-2");
    }

    [Fact]
    public async Task ARetainedState_IsSentWhenTheDeviceSubscribes_AsRetained()
    {
        await PublishAsync(State, MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
        var device = new ConcurrentQueue<Received>();

        using var deviceClient = await ConnectAsync("dev-1", device, (State, MqttQualityOfServiceLevel.AtLeastOnce));

        await Eventually.UntilAsync(() => !device.IsEmpty, "the retained STATE arrives");
        var state = Assert.Single(device);
        Assert.Equal((State, true), (state.Topic, state.Retain));
    }

    [Fact]
    public async Task Unsubscribing_EndsTheSubscription()
    {
        var device = new ConcurrentQueue<Received>();
        using var deviceClient = await ConnectAsync("dev-1", device, (Command, MqttQualityOfServiceLevel.AtLeastOnce), (DeviceCommand, MqttQualityOfServiceLevel.AtLeastOnce));

        var result = await deviceClient.UnsubscribeAsync(Command, Cancel);
        await PublishAsync(Command, MqttQualityOfServiceLevel.AtLeastOnce, retain: false);
        await PublishAsync("spBv1.0/G/DCMD/dev-1/sensor", MqttQualityOfServiceLevel.AtLeastOnce, retain: false);

        Assert.Equal(MqttClientUnsubscribeResultCode.Success, Assert.Single(result.Items).ResultCode);
        Assert.Equal(1, _broker.Broker.OwnTopicSubscriptionCount);
        // Messages of one publisher arrive in order: once the later one is here, the earlier one would be too.
        await Eventually.UntilAsync(() => !device.IsEmpty, "the command on the remaining subscription arrives");
        Assert.Equal(["spBv1.0/G/DCMD/dev-1/sensor"], device.Select(m => m.Topic));
    }

    [Fact]
    public async Task ANewCleanSession_DoesNotInheritTheOldSessionsSubscriptions()
    {
        using (await ConnectAsync("dev-1", new ConcurrentQueue<Received>(), (Command, MqttQualityOfServiceLevel.AtLeastOnce)))
        {
        }
        var device = new ConcurrentQueue<Received>();
        using var again = await ConnectAsync("dev-1", device, (DeviceCommand, MqttQualityOfServiceLevel.AtLeastOnce));

        await PublishAsync(Command, MqttQualityOfServiceLevel.AtLeastOnce, retain: false);
        await PublishAsync("spBv1.0/G/DCMD/dev-1/sensor", MqttQualityOfServiceLevel.AtLeastOnce, retain: false);

        await Eventually.UntilAsync(() => !device.IsEmpty, "the command of the new session arrives");
        Assert.Equal(["spBv1.0/G/DCMD/dev-1/sensor"], device.Select(m => m.Topic));
    }

    [Fact]
    public async Task AmongManyDevices_ACommandReachesOnlyItsDevice()
    {
        var inboxes = Enumerable.Range(0, 200).Select(_ => new ConcurrentQueue<Received>()).ToList();
        var clients = new List<IMqttClient>();
        try
        {
            for (var i = 0; i < inboxes.Count; i++)
            {
                clients.Add(await ConnectAsync($"dev-{i}", inboxes[i], ($"spBv1.0/G/NCMD/dev-{i}", MqttQualityOfServiceLevel.AtLeastOnce)));
            }

            await PublishAsync("spBv1.0/G/NCMD/dev-123", MqttQualityOfServiceLevel.AtLeastOnce, retain: false);
            await PublishAsync("spBv1.0/G/NCMD/dev-7", MqttQualityOfServiceLevel.AtLeastOnce, retain: false);

            await Eventually.UntilAsync(() => inboxes[123].Count == 1 && inboxes[7].Count == 1, "both devices got their command");
            Assert.Equal(2, inboxes.Sum(inbox => inbox.Count));
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    async Task PublishAsync(string topic, MqttQualityOfServiceLevel qos, bool retain) =>
        await _publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload([1, 2, 3]).WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build(), Cancel);

    async Task<IMqttClient> ConnectAsync(string clientId, ConcurrentQueue<Received> inbox, params (string Filter, MqttQualityOfServiceLevel Qos)[] subscriptions)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            inbox.Enqueue(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.QualityOfServiceLevel, e.ApplicationMessage.Retain, e.PacketIdentifier));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("localhost", _broker.Port).WithClientId(clientId)
            .WithCleanStart(true).WithProtocolVersion(MqttProtocolVersion.V311).Build(), Cancel);
        foreach (var (filter, qos) in subscriptions)
        {
            var result = await client.SubscribeAsync(filter, qos, Cancel);
            Assert.Equal((int)qos, (int)Assert.Single(result.Items).ResultCode);
        }
        return client;
    }

    sealed record Received(string Topic, MqttQualityOfServiceLevel Qos, bool Retain, int PacketIdentifier);
}
