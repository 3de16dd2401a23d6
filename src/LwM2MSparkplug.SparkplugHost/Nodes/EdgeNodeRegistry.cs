using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.ServiceDefaults.Observability;

namespace LwM2MSparkplug.SparkplugHost.Nodes;

/// <summary>
/// Every edge node session the host knows, keyed by group and edge node id, at most <c>maxEdgeNodes</c> of them.
/// Each session is guarded by its own lock, so the MQTT receive path and REST reads never see a half-applied message.
/// Each node's messages per minute are counted from their receive times; <paramref name="time"/> (the system clock when
/// not given) is the "now" of the views' <see cref="NodeView.MessagesPerMinute"/>.
/// </summary>
public sealed class EdgeNodeRegistry(EdgeNodeSessionOptions options, int maxEdgeNodes, TimeProvider? time = null)
{
    readonly TimeProvider _time = time ?? TimeProvider.System;

    readonly ConcurrentDictionary<(string GroupId, string EdgeNodeId), Entry> _nodes = new();

    // Kept beside the dictionary: its Count takes every lock, and a flood of new ids would ask for it per message.
    int _count;

    /// <summary>Edge nodes with a session, online or dead.</summary>
    public int Count => Volatile.Read(ref _count);

    public int MaxEdgeNodes => maxEdgeNodes;

    /// <summary>
    /// Applies a message to its edge node's session, creating the session for a node seen for the first time. False,
    /// with nothing applied, when the node is new and <see cref="MaxEdgeNodes"/> sessions exist already.
    /// </summary>
    public bool TryApply(SparkplugTopic topic, Payload payload, DateTimeOffset receivedAt, out SessionOutcome outcome, [NotNullWhen(true)] out EdgeNodeSession? session)
    {
        while (TryGetOrAdd((topic.GroupId, topic.EdgeNodeId), receivedAt, out var entry))
        {
            lock (entry.Gate)
            {
                if (entry.Evicted)
                {
                    // Evicted between the lookup and the lock: the message belongs to a new session.
                    continue;
                }
                entry.MessageCount++;
                entry.Rate.Record(receivedAt);
                outcome = entry.Session.Apply(topic, payload, receivedAt);
                // Only what the session took says where the node is: a stale NDEATH (or Will) from the server a
                // node walked away from may arrive after its birth on the next one.
                if (outcome.Kind is SessionOutcomeKind.Accepted or SessionOutcomeKind.Buffered && MqttReceivingServer.Current is { } server)
                {
                    Volatile.Write(ref entry.Server, server);
                }
                session = entry.Session;
                return true;
            }
        }
        outcome = default;
        session = null;
        return false;
    }

    bool TryGetOrAdd((string GroupId, string EdgeNodeId) key, DateTimeOffset now, [NotNullWhen(true)] out Entry? entry)
    {
        while (!_nodes.TryGetValue(key, out entry))
        {
            if (Interlocked.Increment(ref _count) > maxEdgeNodes)
            {
                Interlocked.Decrement(ref _count);
                return false;
            }
            var added = new Entry(new EdgeNodeSession(key.GroupId, key.EdgeNodeId, options), now);
            if (_nodes.TryAdd(key, added))
            {
                entry = added;
                return true;
            }
            // Another message of the same new node won the race; use its entry.
            Interlocked.Decrement(ref _count);
        }
        return true;
    }

    /// <summary>
    /// Forgets the edge nodes offline for longer than <paramref name="retention"/> since their NDEATH, and those that
    /// never sent an NBIRTH once silent for longer than <paramref name="unbornRetention"/> (so made-up node ids cannot
    /// hold the node limit for long). Returns the sessions forgotten.
    /// </summary>
    public IReadOnlyList<EdgeNodeSession> EvictDead(DateTimeOffset now, TimeSpan retention, TimeSpan unbornRetention)
    {
        List<EdgeNodeSession>? evicted = null;
        foreach (var (key, entry) in _nodes)
        {
            lock (entry.Gate)
            {
                var session = entry.Session;
                var keep = session.IsOnline || (session.BirthTime is null
                    ? now - (session.LastMessageTime ?? entry.FirstSeen) <= unbornRetention
                    : now - (session.DeathTime ?? entry.FirstSeen) <= retention);
                if (keep)
                {
                    continue;
                }
                entry.Evicted = true;
            }
            if (_nodes.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry)))
            {
                Interlocked.Decrement(ref _count);
                (evicted ??= []).Add(entry.Session);
            }
        }
        return evicted ?? [];
    }

    /// <summary>Visits every edge node with the number of messages received from it since the host started.</summary>
    public void VisitMessageCounts(Action<string, string, long> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        foreach (var (key, entry) in _nodes)
        {
            visit(key.GroupId, key.EdgeNodeId, Interlocked.Read(ref entry.MessageCount));
        }
    }

    /// <summary>Closes expired seq gaps; returns the nodes that now need a rebirth.</summary>
    public IReadOnlyList<(EdgeNodeSession Session, SessionOutcome Outcome)> Expire(DateTimeOffset now)
    {
        List<(EdgeNodeSession, SessionOutcome)>? expired = null;
        foreach (var entry in _nodes.Values)
        {
            if (entry.Session.ReorderDeadline is null)
            {
                continue;
            }
            lock (entry.Gate)
            {
                if (entry.Session.Expire(now) is { } outcome)
                {
                    (expired ??= []).Add((entry.Session, outcome));
                }
            }
        }
        return expired ?? [];
    }

    /// <summary>Marks stale the nodes last heard on <paramref name="server"/> (all nodes with one server configured).</summary>
    public void MarkStale(int server, DateTimeOffset at)
    {
        foreach (var entry in _nodes.Values)
        {
            lock (entry.Gate)
            {
                if (entry.Server == Entry.UnknownServer || entry.Server == server)
                {
                    entry.Session.MarkStale(at);
                }
            }
        }
    }

    /// <summary>
    /// The position in <c>MQTT_SERVERS</c> of the server the node was last heard on (where its commands go), or null
    /// when unknown. An edge node is on one server at a time and walks to the next when its primary host goes offline.
    /// </summary>
    public int? ServerOf(string groupId, string edgeNodeId) =>
        _nodes.TryGetValue((groupId, edgeNodeId), out var entry) && Volatile.Read(ref entry.Server) is var server and not Entry.UnknownServer ? server : null;

    public IReadOnlyList<NodeView> Snapshot()
    {
        var now = _time.GetUtcNow();
        return [.. _nodes.Values
            .Select(entry => View(entry, now))
            .OrderBy(n => n.GroupId, StringComparer.Ordinal)
            .ThenBy(n => n.EdgeNodeId, StringComparer.Ordinal)];
    }

    public NodeView? Snapshot(string groupId, string edgeNodeId) =>
        _nodes.TryGetValue((groupId, edgeNodeId), out var entry) ? View(entry, _time.GetUtcNow()) : null;

    static NodeView View(Entry entry, DateTimeOffset now) =>
        Read(entry, NodeView.From) with { MessagesPerMinute = entry.Rate.PerMinute(now) };

    /// <summary>Runs <paramref name="read"/> under the node's lock; null when the node is unknown.</summary>
    public T? Read<T>(string groupId, string edgeNodeId, Func<EdgeNodeSession, T> read) where T : class =>
        _nodes.TryGetValue((groupId, edgeNodeId), out var entry) ? Read(entry, read) : null;

    public (int Nodes, int Devices) CountOnline()
    {
        int nodes = 0, devices = 0;
        foreach (var entry in _nodes.Values)
        {
            lock (entry.Gate)
            {
                if (entry.Session.IsOnline)
                {
                    nodes++;
                    devices += entry.Session.Devices.Values.Count(d => d.IsOnline);
                }
            }
        }
        return (nodes, devices);
    }

    static T Read<T>(Entry entry, Func<EdgeNodeSession, T> read)
    {
        lock (entry.Gate)
        {
            return read(entry.Session);
        }
    }

    sealed class Entry(EdgeNodeSession session, DateTimeOffset firstSeen)
    {
        public Lock Gate { get; } = new();
        public EdgeNodeSession Session { get; } = session;
        public DateTimeOffset FirstSeen { get; } = firstSeen;

        /// <summary>Set under <see cref="Gate"/> when the entry leaves the registry.</summary>
        public bool Evicted { get; set; }

        // Written under Gate, read without it for the metrics scrape.
        public long MessageCount;

        public MessageRate Rate { get; } = new();

        public const int UnknownServer = -1;

        // Written under Gate, read without it to route a command; UnknownServer until a message came through a server.
        public int Server = UnknownServer;
    }
}
