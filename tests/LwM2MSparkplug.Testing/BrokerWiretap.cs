using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace LwM2MSparkplug.Testing;

/// <summary>
/// What the broker saw of its clients, in the order it saw it: each CONNECT (clean start, session expiry), each
/// SUBSCRIBE filter, each PUBLISH with the QoS and retain flag it came with (a Will included, when the broker sends
/// it), each disconnect. Attach before the clients connect; it lasts as long as the broker instance.
/// </summary>
public sealed class BrokerWiretap
{
    readonly ConcurrentQueue<WiretapEvent> _events = new();

    BrokerWiretap(MqttServer server)
    {
        server.ValidatingConnectionAsync += args =>
        {
            _events.Enqueue(new WiretapEvent(WiretapKind.Connect, args.ClientId, null, null, default, false, args.CleanSession, args.SessionExpiryInterval));
            return Task.CompletedTask;
        };
        server.InterceptingSubscriptionAsync += args =>
        {
            _events.Enqueue(new WiretapEvent(WiretapKind.Subscribe, args.ClientId, args.TopicFilter.Topic, null, args.TopicFilter.QualityOfServiceLevel, false, false, 0));
            return Task.CompletedTask;
        };
        server.InterceptingPublishAsync += args =>
        {
            var message = args.ApplicationMessage;
            _events.Enqueue(new WiretapEvent(WiretapKind.Publish, args.ClientId, message.Topic, message.Payload.ToArray(), message.QualityOfServiceLevel, message.Retain, false, 0));
            return Task.CompletedTask;
        };
        server.ClientDisconnectedAsync += args =>
        {
            _events.Enqueue(new WiretapEvent(WiretapKind.Disconnect, args.ClientId, null, null, default, false, false, 0, args.DisconnectType));
            return Task.CompletedTask;
        };
    }

    public static BrokerWiretap Attach(TestBroker broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        return new BrokerWiretap(broker.Broker.Server);
    }

    public IReadOnlyList<WiretapEvent> Events => [.. _events];

    /// <summary>The events of clients whose id starts with <paramref name="clientIdPrefix"/>, in order.</summary>
    public IReadOnlyList<WiretapEvent> Of(string clientIdPrefix) => [.. _events.Where(e => e.ClientId.StartsWith(clientIdPrefix, StringComparison.Ordinal))];

    public IReadOnlyList<WiretapEvent> PublishesOn(string topic) => [.. _events.Where(e => e.Kind == WiretapKind.Publish && e.Topic == topic)];
}

public enum WiretapKind
{
    Connect,
    Subscribe,
    Publish,
    Disconnect,
}

/// <summary>One thing the broker saw; the fields that do not belong to <see cref="Kind"/> are left empty.</summary>
public sealed record WiretapEvent(
    WiretapKind Kind,
    string ClientId,
    string? Topic,
    byte[]? Payload,
    MqttQualityOfServiceLevel QualityOfService,
    bool Retain,
    bool? CleanStart,
    uint SessionExpiryInterval,
    MqttClientDisconnectType DisconnectType = MqttClientDisconnectType.Clean);
