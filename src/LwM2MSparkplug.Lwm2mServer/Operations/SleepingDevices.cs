using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>
/// Queue mode (LwM2M 1.2 Core §6.5) for the devices that registered in it: a device is awake for
/// <c>awakeTime</c> after the server last heard from it and asleep afterwards; requests for a sleeping device are held,
/// at most <c>maxHeldPerDevice</c> each, until it wakes or they have waited <c>maxHoldTime</c>. Time is passed in.
/// </summary>
public sealed class SleepingDevices(TimeSpan awakeTime, int maxHeldPerDevice, TimeSpan maxHoldTime)
{
    readonly Lock _lock = new();
    readonly Dictionary<string, DeviceState> _devices = new(StringComparer.Ordinal);
    int _count;

    public int MaxHeldPerDevice => maxHeldPerDevice;

    /// <summary>Requests held for all devices.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>
    /// Holds <paramref name="request"/> for <paramref name="endpoint"/> unless the device is awake (then it is sent at
    /// once) or already has <c>maxHeldPerDevice</c> held. A device never heard from is asleep.
    /// </summary>
    public HoldOutcome TryHold(string endpoint, string requestId, Lwm2mRequest request, DateTimeOffset now, out HeldRequest? held)
    {
        held = null;
        lock (_lock)
        {
            var state = StateOf(endpoint);
            if (now < state.AwakeUntil)
            {
                return HoldOutcome.Awake;
            }
            if (state.Held.Count >= maxHeldPerDevice)
            {
                return HoldOutcome.QueueFull;
            }
            held = new HeldRequest(requestId, endpoint, request, now, now + maxHoldTime);
            state.Held.Add(held);
            _count++;
            return HoldOutcome.Held;
        }
    }

    /// <summary>The device was heard from: it is awake from <paramref name="now"/>; returns its held requests, oldest first.</summary>
    public IReadOnlyList<HeldRequest> Wake(string endpoint, DateTimeOffset now)
    {
        lock (_lock)
        {
            var state = StateOf(endpoint);
            state.AwakeUntil = now + awakeTime;
            return Release(state);
        }
    }

    /// <summary>The device is no longer in queue mode: returns its held requests, which can go at once.</summary>
    public IReadOnlyList<HeldRequest> Forget(string endpoint)
    {
        lock (_lock)
        {
            return _devices.Remove(endpoint, out var state) ? Release(state) : [];
        }
    }

    /// <summary>Removes a held request nobody waits for any more; false when it was already handed over or expired.</summary>
    public bool TryWithdraw(HeldRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (_devices.TryGetValue(request.Endpoint, out var state) && state.Held.Remove(request))
            {
                _count--;
                return true;
            }
            return false;
        }
    }

    /// <summary>Removes and returns the requests that have waited <c>maxHoldTime</c>.</summary>
    public IReadOnlyList<HeldRequest> Expire(DateTimeOffset now)
    {
        var expired = new List<HeldRequest>();
        lock (_lock)
        {
            foreach (var state in _devices.Values)
            {
                expired.AddRange(state.Held.Where(r => r.ExpiresAt <= now));
                _count -= state.Held.RemoveAll(r => r.ExpiresAt <= now);
            }
        }
        return expired;
    }

    DeviceState StateOf(string endpoint)
    {
        if (!_devices.TryGetValue(endpoint, out var state))
        {
            state = new DeviceState();
            _devices[endpoint] = state;
        }
        return state;
    }

    List<HeldRequest> Release(DeviceState state)
    {
        var released = state.Held.ToList();
        state.Held.Clear();
        _count -= released.Count;
        return released;
    }

    sealed class DeviceState
    {
        public DateTimeOffset AwakeUntil { get; set; } = DateTimeOffset.MinValue;

        public List<HeldRequest> Held { get; } = [];
    }
}

/// <summary>What became of a request offered to <see cref="SleepingDevices.TryHold"/>.</summary>
public enum HoldOutcome
{
    /// <summary>The device is awake: send the request now.</summary>
    Awake,

    /// <summary>The device sleeps: the request waits for it to wake.</summary>
    Held,

    /// <summary>The device sleeps and already has the most requests held for it.</summary>
    QueueFull,
}

/// <summary>
/// A request held for a sleeping device, under the id it will be sent with; <see cref="Outcome"/> completes when it
/// was sent and answered (or not), for a caller that waits.
/// </summary>
public sealed record HeldRequest(string RequestId, string Endpoint, Lwm2mRequest Request, DateTimeOffset HeldAt, DateTimeOffset ExpiresAt)
{
    public TaskCompletionSource<DeviceResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
