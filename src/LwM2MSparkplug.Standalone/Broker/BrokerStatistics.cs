using System.Collections.Concurrent;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Standalone.Broker;

/// <summary>
/// What the embedded broker counts: publishes received per protocol, and every message it did not deliver, per
/// receiving client and reason, so that no loss in the standalone process goes uncounted. Thread-safe.
/// </summary>
public sealed class BrokerStatistics
{
    /// <summary>A client's queue of pending messages was full (<c>BROKER_MAX_PENDING_MESSAGES</c>): it reads slower than messages arrive.</summary>
    public const string QueueFull = "queue_full";

    /// <summary>A packet's fixed header claimed more than the maximum packet size (<c>BROKER_MAX_PACKET_BYTES</c>).</summary>
    public const string PacketTooLarge = "packet_too_large";

    /// <summary>A packet's remaining length ran past the four bytes MQTT allows.</summary>
    public const string MalformedRemainingLength = "malformed_remaining_length";

    readonly ConcurrentDictionary<(string ClientId, string Reason), long> _dropped = new();
    readonly ConcurrentDictionary<string, long> _refusedPackets = new(StringComparer.Ordinal);
    long _lwm2m;
    long _sparkplug;
    long _other;
    long _droppedTotal;
    long _refusedConnections;

    public long Lwm2mPublishes => Interlocked.Read(ref _lwm2m);
    public long SparkplugPublishes => Interlocked.Read(ref _sparkplug);
    public long OtherPublishes => Interlocked.Read(ref _other);
    public long PublishesReceived => Lwm2mPublishes + SparkplugPublishes + OtherPublishes;

    /// <summary>Messages not delivered to a subscriber, all clients and reasons together.</summary>
    public long Dropped => Interlocked.Read(ref _droppedTotal);

    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

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

    public void CountRefusedConnection() => Interlocked.Increment(ref _refusedConnections);

    public void CountRefusedPacket(string reason) => _refusedPackets.AddOrUpdate(reason, 1, static (_, count) => count + 1);
}
