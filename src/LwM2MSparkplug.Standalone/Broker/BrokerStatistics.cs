using System.Collections.Concurrent;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.Standalone.Broker.Access;

namespace LwM2MSparkplug.Standalone.Broker;

/// <summary>
/// What the embedded broker counts: publishes received per protocol, and every message it did not deliver, per
/// receiving client and reason, and what it refused (connections, packets, publishes, subscriptions) by reason, so that no loss in the standalone process goes uncounted. Thread-safe.
/// </summary>
public sealed class BrokerStatistics
{
    /// <summary>A client's queue of pending messages was full (<c>BROKER_MAX_PENDING_MESSAGES</c>): it reads slower than messages arrive.</summary>
    public const string QueueFull = "queue_full";

    /// <summary>A packet's fixed header claimed more than the maximum packet size (<c>BROKER_MAX_PACKET_BYTES</c>).</summary>
    public const string PacketTooLarge = "packet_too_large";

    /// <summary>A packet's remaining length ran past the four bytes MQTT allows.</summary>
    public const string MalformedRemainingLength = "malformed_remaining_length";

    /// <summary>An MQTT 3.1.1 client sent an empty client id without a clean session.</summary>
    public const string EmptyClientId = "empty_client_id";

    /// <summary>Authentication is on and the client brought neither a client certificate nor a user name.</summary>
    public const string NoCredentials = "no_credentials";

    /// <summary>Authentication is on and the user name or password is wrong.</summary>
    public const string BadCredentials = "bad_credentials";

    /// <summary>A client certificate not issued by the device CA, expired, or not meant for client authentication.</summary>
    public const string CertificateNotTrusted = "certificate_not_trusted";

    /// <summary>A device certificate whose common name cannot be a device id (not one topic level, or an account's name).</summary>
    public const string CertificateNameInvalid = "certificate_name_invalid";

    /// <summary>A device's publish or subscription to another device's topic.</summary>
    public const string NotOwnTopic = "not_own_topic";

    /// <summary>A STATE publish by a client other than the Sparkplug host.</summary>
    public const string StateReservedForHost = "state_reserved_for_host";

    /// <summary>A publish or subscription to a topic the client's role has no right to.</summary>
    public const string NotPermitted = "not_permitted";

    readonly ConcurrentDictionary<(string ClientId, string Reason), long> _dropped = new();
    readonly ConcurrentDictionary<string, long> _refusedPackets = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, long> _refusedConnections = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, long> _refusedPublishes = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, long> _refusedSubscriptions = new(StringComparer.Ordinal);
    long _lwm2m;
    long _sparkplug;
    long _other;
    long _droppedTotal;

    public long Lwm2mPublishes => Interlocked.Read(ref _lwm2m);
    public long SparkplugPublishes => Interlocked.Read(ref _sparkplug);
    public long OtherPublishes => Interlocked.Read(ref _other);
    public long PublishesReceived => Lwm2mPublishes + SparkplugPublishes + OtherPublishes;

    /// <summary>Messages not delivered to a subscriber, all clients and reasons together.</summary>
    public long Dropped => Interlocked.Read(ref _droppedTotal);

    public long RefusedConnections => _refusedConnections.Values.Sum();

    /// <summary>Connections refused at CONNECT, by reason.</summary>
    public IReadOnlyDictionary<string, long> RefusedConnectionsByReason => _refusedConnections.ToDictionary(StringComparer.Ordinal);

    /// <summary>Publishes dropped because the sender has no right to the topic, by reason.</summary>
    public IReadOnlyDictionary<string, long> RefusedPublishes => _refusedPublishes.ToDictionary(StringComparer.Ordinal);

    /// <summary>Subscriptions refused because the client has no right to the filter, by reason.</summary>
    public IReadOnlyDictionary<string, long> RefusedSubscriptions => _refusedSubscriptions.ToDictionary(StringComparer.Ordinal);

    /// <summary>Packets refused before they were read (and their connections closed), by reason.</summary>
    public IReadOnlyDictionary<string, long> RefusedPackets => _refusedPackets.ToDictionary(StringComparer.Ordinal);

    /// <summary>Messages not delivered, by receiving client and reason, largest first.</summary>
    public IReadOnlyList<(string ClientId, string Reason, long Count)> DroppedByClient() =>
        [.. _dropped.Select(entry => (entry.Key.ClientId, entry.Key.Reason, entry.Value)).OrderByDescending(entry => entry.Value)];

    public void CountPublish(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.StartsWith(Lwm2mTopic.Prefix + "/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _lwm2m);
        }
        else if (topic.StartsWith(SparkplugTopic.Namespace + "/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _sparkplug);
        }
        else
        {
            Interlocked.Increment(ref _other);
        }
    }

    public void CountDrop(string clientId, string reason)
    {
        _dropped.AddOrUpdate((clientId, reason), 1, static (_, count) => count + 1);
        Interlocked.Increment(ref _droppedTotal);
    }

    public void CountRefusedConnection(string reason) => Increment(_refusedConnections, reason);

    public void CountRefusedPacket(string reason) => Increment(_refusedPackets, reason);

    public void CountRefusedPublish(string reason) => Increment(_refusedPublishes, reason);

    public void CountRefusedSubscription(string reason) => Increment(_refusedSubscriptions, reason);

    /// <summary>The reason counted for a publish or subscription the access policy refused.</summary>
    public static string RefusalReason(TopicAccess access) => access switch
    {
        TopicAccess.NotOwnTopic => NotOwnTopic,
        TopicAccess.StateReservedForHost => StateReservedForHost,
        _ => NotPermitted,
    };

    static void Increment(ConcurrentDictionary<string, long> counts, string reason) => counts.AddOrUpdate(reason, 1, static (_, count) => count + 1);
}
