namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// Places for <c>/ws/fleet</c> subscribers, at most <c>LWM2M_FLEET_STREAM_MAX</c> at once: each recomputes its page
/// every interval, so their number bounds the work the fleet stream makes. Thread-safe.
/// </summary>
public sealed class FleetStreamSlots(int capacity)
{
    int _taken;

    public int Taken => Volatile.Read(ref _taken);

    /// <summary>Takes a place; false when all are taken.</summary>
    public bool TryTake()
    {
        if (Interlocked.Increment(ref _taken) <= capacity)
        {
            return true;
        }
        Interlocked.Decrement(ref _taken);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _taken);
}
