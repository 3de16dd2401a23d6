using LwM2MSparkplug.Protocols.Lwm2m.Model;
using System.Buffers;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Mqtt;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// One wire dialect of LwM2M over MQTT for one client endpoint: its topics and envelopes, both ways. The
/// <see cref="Lwm2mClient"/> keeps the lifecycle and the object tree and speaks to the server only through this, so a
/// dialect is added without touching the lifecycle. Implementations are pure.
/// </summary>
public interface ILwm2mClientDialect
{
    /// <summary>The dialect's name, e.g. <c>json</c>.</summary>
    string Name { get; }

    /// <summary>What the client must be subscribed to: requests and acknowledgements addressed to its endpoint.</summary>
    IReadOnlyList<TopicSubscription> Subscriptions { get; }

    OutboundMessage Register(Lwm2mClientRegistration registration);

    OutboundMessage Update(Lwm2mClientUpdate update);

    OutboundMessage Deregister();

    /// <summary>The answer to the request known by <paramref name="correlation"/>.</summary>
    OutboundMessage Respond(string correlation, Lwm2mClientResponse response);

    /// <summary>
    /// A notification of the observation known by <paramref name="observationId"/>; <paramref name="confirmable"/>
    /// false (<c>con</c> 0) lets the dialect send it without delivery confirmation.
    /// </summary>
    OutboundMessage Notify(string observationId, IReadOnlyList<Lwm2mResourceValue> values, bool confirmable);

    /// <summary>
    /// A Send (LwM2M 1.2 Information Reporting) of values the client reports on its own; the server's acknowledgement
    /// carries <paramref name="sendId"/> back.
    /// </summary>
    OutboundMessage Send(IReadOnlyList<Lwm2mResourceValue> values, string sendId);

    /// <summary>
    /// Decodes a received message; <see cref="Lwm2mClientInbound.NotLwm2m"/> when the topic is not this dialect's. A
    /// payload larger than <paramref name="maxPayloadBytes"/> is not parsed: a request is invalid (and answered), with
    /// <see cref="Lwm2mClientReason.PayloadTooLarge"/>.
    /// </summary>
    Lwm2mClientInbound Decode(string topic, ReadOnlySequence<byte> payload, int maxPayloadBytes, Lwm2mDeviceModel model);
}
