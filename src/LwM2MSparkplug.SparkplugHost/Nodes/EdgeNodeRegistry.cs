using System.Collections.Concurrent;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.SparkplugHost.Nodes;

/// <summary>
/// Every edge node session the host knows, keyed by group and edge node id. Each session is guarded by its
/// own lock, so the MQTT receive path and REST reads never see a half-applied message.
/// </summary>
public sealed class EdgeNodeRegistry(EdgeNodeSessionOptions options)
{
    readonly ConcurrentDictionary<(string GroupId, string EdgeNodeId), Entry> _nodes = new();

    public SessionOutcome Apply(SparkplugTopic topic, Payload payload, DateTimeOffset receivedAt, out EdgeNodeSession session)
    {
        var entry = _nodes.GetOrAdd((topic.GroupId, topic.EdgeNodeId), key => new Entry(new EdgeNodeSession(key.GroupId, key.EdgeNodeId, options)));
        session = entry.Session;
        lock (entry.Gate)
        {
            entry.MessageCount++;
            return entry.Session.Apply(topic, payload, receivedAt);
        }
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

    public void MarkAllStale(DateTimeOffset at)
    {
        foreach (var entry in _nodes.Values)
        {
            lock (entry.Gate)
            {
                entry.Session.MarkStale(at);
            }
        }
    }

    public IReadOnlyList<NodeView> Snapshot() =>
        [.. _nodes.Values
            .Select(entry => Read(entry, NodeView.From))
            .OrderBy(n => n.GroupId, StringComparer.Ordinal)
            .ThenBy(n => n.EdgeNodeId, StringComparer.Ordinal)];

    public NodeView? Snapshot(string groupId, string edgeNodeId) =>
        _nodes.TryGetValue((groupId, edgeNodeId), out var entry) ? Read(entry, NodeView.From) : null;

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

    sealed class Entry(EdgeNodeSession session)
    {
        public Lock Gate { get; } = new();
        public EdgeNodeSession Session { get; } = session;

        // Written under Gate, read without it for the metrics scrape.
        public long MessageCount;
    }
}
