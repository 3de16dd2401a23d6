namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>
/// Limits rebirth requests to one per edge node per <c>interval</c>, so a burst of bad messages does not
/// become a rebirth storm (Eclipse Tahu uses 5 s). Thread-safe.
/// </summary>
public sealed class RebirthDebouncer(TimeSpan interval)
{
    readonly Dictionary<(string GroupId, string EdgeNodeId), DateTimeOffset> _lastRequest = [];
    readonly Lock _gate = new();

    public TimeSpan Interval => interval;

    /// <summary>True, and remembers <paramref name="now"/>, when a request for this node may be sent now.</summary>
    public bool TryAcquire(string groupId, string edgeNodeId, DateTimeOffset now)
    {
        lock (_gate)
        {
            var key = (groupId, edgeNodeId);
            if (_lastRequest.TryGetValue(key, out var last) && now - last < interval)
            {
                return false;
            }
            _lastRequest[key] = now;
            return true;
        }
    }
}
