namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>
/// Decides when a host's rebirth requests go out, so that losing messages never turns into a rebirth storm: at most
/// one per edge node per debounce interval (Eclipse Tahu uses 5 s), and at most <c>ratePerSecond</c> in all, with
/// bursts of up to one second's worth. A request over the global rate is delayed, never dropped: the specification
/// requires the rebirth once the Reorder Timeout has passed (tck-id-operational-behavior-host-reordering-rebirth).
/// </summary>
/// <remarks>Pure: the caller passes the time, and calls <see cref="Release"/> when <see cref="NextDueAt"/> comes. Thread-safe.</remarks>
public sealed class RebirthThrottle
{
    readonly TimeSpan _debounce;
    readonly double _ratePerSecond;
    readonly double _burst;
    readonly Dictionary<(string GroupId, string EdgeNodeId), DateTimeOffset> _lastSent = [];
    readonly Queue<PendingRebirth> _pending = new();
    readonly HashSet<(string GroupId, string EdgeNodeId)> _pendingSet = [];
    readonly Lock _gate = new();
    double _tokens;
    DateTimeOffset _refilledAt = DateTimeOffset.MinValue;

    public RebirthThrottle(TimeSpan debounce, double ratePerSecond)
    {
        if (debounce < TimeSpan.Zero || !(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
        {
            throw new ArgumentException("The debounce must not be negative and the rate must be a positive number.");
        }
        _debounce = debounce;
        _ratePerSecond = ratePerSecond;
        _burst = Math.Max(1, ratePerSecond);
        _tokens = _burst;
    }

    /// <summary>Requests waiting for the global rate.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>When the next waiting request may go; null while none waits.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count == 0 ? null : _refilledAt + TimeSpan.FromSeconds(Math.Max(0, 1 - _tokens) / _ratePerSecond);
            }
        }
    }

    public RebirthDecision Request(string groupId, string edgeNodeId, RebirthReason reason, DateTimeOffset now)
    {
        var node = (groupId, edgeNodeId);
        lock (_gate)
        {
            if (_pendingSet.Contains(node))
            {
                return RebirthDecision.AlreadyPending;
            }
            if (_lastSent.TryGetValue(node, out var last) && now - last < _debounce)
            {
                return RebirthDecision.Debounced;
            }
            Refill(now);
            // Waiting requests go first, in the order they came.
            if (_pending.Count == 0 && _tokens >= 1)
            {
                _tokens--;
                _lastSent[node] = now;
                return RebirthDecision.Send;
            }
            _pending.Enqueue(new PendingRebirth(groupId, edgeNodeId, reason, now));
            _pendingSet.Add(node);
            return RebirthDecision.Delayed;
        }
    }

    /// <summary>Forgets when a request last went to an edge node the host no longer keeps, so the record does not outlive it.</summary>
    public void Forget(string groupId, string edgeNodeId)
    {
        lock (_gate)
        {
            _lastSent.Remove((groupId, edgeNodeId));
        }
    }

    /// <summary>The waiting requests that may go now, oldest first; they count as sent at <paramref name="now"/>.</summary>
    public IReadOnlyList<PendingRebirth> Release(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return [];
            }
            Refill(now);
            var released = new List<PendingRebirth>();
            while (_pending.Count > 0 && _tokens >= 1)
            {
                var request = _pending.Dequeue();
                _pendingSet.Remove((request.GroupId, request.EdgeNodeId));
                _tokens--;
                _lastSent[(request.GroupId, request.EdgeNodeId)] = now;
                released.Add(request);
            }
            return released;
        }
    }

    void Refill(DateTimeOffset now)
    {
        if (_refilledAt != DateTimeOffset.MinValue && now > _refilledAt)
        {
            _tokens = Math.Min(_burst, _tokens + ((now - _refilledAt).TotalSeconds * _ratePerSecond));
        }
        if (now > _refilledAt)
        {
            _refilledAt = now;
        }
    }
}
