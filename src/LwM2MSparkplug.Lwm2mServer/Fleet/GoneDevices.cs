using LwM2MSparkplug.Lwm2mServer.Registry;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// The devices that de-registered or expired lately, so the fleet still shows them for a while: each is kept for
/// <c>retention</c> after it left, and at most <c>capacity</c> of them, the one that left first forgotten first
/// (counted in <see cref="Dropped"/>). A new Register of the endpoint takes it off the list (<see cref="Forget"/>).
/// Holds no I/O; time comes from the <see cref="TimeProvider"/>. Safe for concurrent use.
/// </summary>
public sealed class GoneDevices
{
    readonly TimeSpan _retention;
    readonly int _capacity;
    readonly TimeProvider _time;
    readonly Lock _gate = new();
    // In the order the devices left, so the oldest is at the head; the index finds an endpoint's entry.
    readonly LinkedList<GoneDevice> _byDeparture = new();
    readonly Dictionary<string, LinkedListNode<GoneDevice>> _byEndpoint = new(StringComparer.Ordinal);
    long _dropped;

    public GoneDevices(TimeSpan retention, int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(time);
        _retention = retention;
        _capacity = capacity;
        _time = time;
    }

    /// <summary>Devices forgotten before their retention ended because <c>capacity</c> were kept already.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Gone devices kept now, those past their retention left out.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                PruneLocked(_time.GetUtcNow());
                return _byDeparture.Count;
            }
        }
    }

    /// <summary>
    /// Records that <paramref name="registration"/> ended now, as <paramref name="state"/> (deregistered or expired);
    /// an earlier departure of the same endpoint is replaced.
    /// </summary>
    public GoneDevice Record(Registration registration, FleetLwm2mState state)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (state is not (FleetLwm2mState.Deregistered or FleetLwm2mState.Expired))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A device leaves the registry de-registered or expired.");
        }
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var gone = new GoneDevice(registration, state, now);
            RemoveLocked(registration.Endpoint);
            PruneLocked(now);
            while (_byDeparture.Count >= _capacity)
            {
                RemoveLocked(_byDeparture.First!.Value.Registration.Endpoint);
                Interlocked.Increment(ref _dropped);
            }
            _byEndpoint[registration.Endpoint] = _byDeparture.AddLast(gone);
            return gone;
        }
    }

    /// <summary>Takes the endpoint off the list (it registered again); false when it was not on it.</summary>
    public bool Forget(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_gate)
        {
            return RemoveLocked(endpoint);
        }
    }

    /// <summary>The endpoint's departure, while within its retention; null otherwise.</summary>
    public GoneDevice? Find(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_gate)
        {
            PruneLocked(_time.GetUtcNow());
            return _byEndpoint.TryGetValue(endpoint, out var node) ? node.Value : null;
        }
    }

    /// <summary>The gone devices within their retention, the one that left first first.</summary>
    public IReadOnlyList<GoneDevice> Snapshot()
    {
        lock (_gate)
        {
            PruneLocked(_time.GetUtcNow());
            return [.. _byDeparture];
        }
    }

    void PruneLocked(DateTimeOffset now)
    {
        while (_byDeparture.First is { } oldest && now - oldest.Value.LeftAt >= _retention)
        {
            RemoveLocked(oldest.Value.Registration.Endpoint);
        }
    }

    bool RemoveLocked(string endpoint)
    {
        if (!_byEndpoint.Remove(endpoint, out var node))
        {
            return false;
        }
        _byDeparture.Remove(node);
        return true;
    }
}
