using System.Collections.Concurrent;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Lwm2mServer.Registry;

/// <summary>The Sparkplug side of a device, as the LwM2M server sees it from births and deaths.</summary>
public sealed record SparkplugPresenceView(string GroupId, bool Online, ulong? BdSeq, DateTimeOffset? BirthTime, DateTimeOffset? DeathTime);

/// <summary>
/// Tracks the Sparkplug edge node sessions of LwM2M endpoints (edge node id = endpoint) from NBIRTH and NDEATH, with
/// the host's bdSeq rule, so a device's death is recognised at once and a stale Will is not. Holds at most
/// <c>capacity</c> sessions: when full, a registered endpoint's node makes room by dropping the sessions of endpoints
/// that are not registered (a device may be born before it registers, so those are kept while there is room), and an
/// unregistered one is refused and reported to <c>onRefused</c>.
/// </summary>
public sealed class SparkplugPresence(int capacity, IRegistrationStore registrations, Action onRefused)
{
    readonly ConcurrentDictionary<string, EdgeNodeSession> _sessions = new(StringComparer.Ordinal);
    readonly Lock _gate = new();

    /// <summary>Edge node sessions held.</summary>
    public int Count => _sessions.Count;

    /// <summary>Applies an NBIRTH or NDEATH; true when it was an NDEATH that ended the current session.</summary>
    public bool Apply(SparkplugTopic topic, Payload payload, DateTimeOffset receivedAt)
    {
        if (topic.MessageType is not (SparkplugMessageType.NBirth or SparkplugMessageType.NDeath))
        {
            return false;
        }
        if (!_sessions.ContainsKey(topic.EdgeNodeId) && !MakeRoomFor(topic.EdgeNodeId))
        {
            onRefused();
            return false;
        }
        var session = _sessions.AddOrUpdate(
            topic.EdgeNodeId,
            _ => new EdgeNodeSession(topic.GroupId, topic.EdgeNodeId),
            (_, existing) => existing.GroupId == topic.GroupId || topic.MessageType == SparkplugMessageType.NDeath ? existing : new EdgeNodeSession(topic.GroupId, topic.EdgeNodeId));
        lock (_gate)
        {
            if (session.GroupId != topic.GroupId)
            {
                return false;
            }
            var outcome = session.Apply(topic, payload, receivedAt);
            return topic.MessageType == SparkplugMessageType.NDeath && outcome.Kind == SessionOutcomeKind.Accepted;
        }
    }

    bool MakeRoomFor(string endpoint)
    {
        if (_sessions.Count < capacity)
        {
            return true;
        }
        if (!registrations.TryGet(endpoint, out _))
        {
            return false;
        }
        // Rare (a registered device born while the map is full): one pass drops every unregistered endpoint's session.
        foreach (var unregistered in _sessions.Keys.Where(key => !registrations.TryGet(key, out _)))
        {
            _sessions.TryRemove(unregistered, out _);
        }
        return _sessions.Count < capacity;
    }

    public SparkplugPresenceView? Get(string endpoint)
    {
        if (!_sessions.TryGetValue(endpoint, out var session))
        {
            return null;
        }
        lock (_gate)
        {
            return new SparkplugPresenceView(session.GroupId, session.IsOnline, session.BdSeq, session.BirthTime, session.DeathTime);
        }
    }
}
