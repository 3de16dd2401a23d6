using System.Collections.Concurrent;
using LwM2MSparkplug.ServiceDefaults.Observability;

namespace LwM2MSparkplug.Lwm2mServer.Registry;

/// <summary>
/// LwM2M messages per minute received from each endpoint, for <c>/api/fleet</c>. <see cref="Record"/> is on the receive
/// path: a dictionary lookup and one <see cref="MessageRate.Record"/>, no lock, and no allocation but the first message
/// of an endpoint. Holds at most <c>capacity</c> endpoints (a new one past it is not counted, so made-up names cannot
/// grow it); <see cref="Forget"/>, called by the expiry sweep, drops the endpoints that are not registered and sent
/// nothing for a minute, at most once a minute.
/// </summary>
public sealed class DeviceMessageRates(int capacity)
{
    readonly ConcurrentDictionary<string, MessageRate> _rates = new(StringComparer.Ordinal);

    // Kept beside the dictionary: its Count takes every lock.
    int _count;
    long _nextForgetTicks;

    /// <summary>Endpoints with a rate.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Counts one message from <paramref name="endpoint"/> received at <paramref name="now"/>.</summary>
    public void Record(string endpoint, DateTimeOffset now)
    {
        if (_rates.TryGetValue(endpoint, out var rate) || TryAdd(endpoint, out rate))
        {
            rate.Record(now);
        }
    }

    /// <summary>Messages from <paramref name="endpoint"/> in the minute before <paramref name="now"/>; 0 for one not heard from.</summary>
    public int PerMinute(string endpoint, DateTimeOffset now) =>
        _rates.TryGetValue(endpoint, out var rate) ? rate.PerMinute(now) : 0;

    /// <summary>Drops the endpoints silent for a minute that <paramref name="isRegistered"/> says are gone.</summary>
    public void Forget(DateTimeOffset now, Func<string, bool> isRegistered)
    {
        ArgumentNullException.ThrowIfNull(isRegistered);
        var due = Interlocked.Read(ref _nextForgetTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextForgetTicks, (now + MessageRate.Window).UtcTicks, due) != due)
        {
            return;
        }
        foreach (var (endpoint, rate) in _rates)
        {
            // A message racing the removal may be lost; the next one starts a new rate.
            if (rate.IsIdle(now) && !isRegistered(endpoint) && _rates.TryRemove(new KeyValuePair<string, MessageRate>(endpoint, rate)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    bool TryAdd(string endpoint, out MessageRate rate)
    {
        while (!_rates.TryGetValue(endpoint, out rate!))
        {
            if (Interlocked.Increment(ref _count) > capacity)
            {
                Interlocked.Decrement(ref _count);
                return false;
            }
            var added = new MessageRate();
            if (_rates.TryAdd(endpoint, added))
            {
                rate = added;
                return true;
            }
            Interlocked.Decrement(ref _count);
        }
        return true;
    }
}
