namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// Turns samples of two message counters (LwM2M's own, the Sparkplug host's) into rates, kept in a ring of
/// <c>capacity</c> points: memory stays bounded however long the server runs. The first sample only sets the start;
/// each later one adds the rate since the one before. A counter that is missing at either end, or went down (its
/// service restarted), gives a null point rather than a wrong one. Holds no I/O; safe for concurrent use.
/// </summary>
public sealed class MessageRateSeries
{
    readonly Point[] _ring;
    readonly double _intervalSeconds;
    readonly Lock _gate = new();
    int _count;
    int _next;
    Sample? _last;

    public MessageRateSeries(int capacity, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _ring = new Point[capacity];
        _intervalSeconds = interval.TotalSeconds;
    }

    public int Capacity => _ring.Length;

    /// <summary>Adds the counters' totals read at <paramref name="at"/>; <paramref name="sparkplugTotal"/> is null when the host could not be read.</summary>
    public void Add(DateTimeOffset at, double lwm2mTotal, double? sparkplugTotal)
    {
        lock (_gate)
        {
            if (_last is { } last && at > last.At)
            {
                var seconds = (at - last.At).TotalSeconds;
                _ring[_next] = new Point(at, Rate(last.Lwm2mTotal, lwm2mTotal, seconds), Rate(last.SparkplugTotal, sparkplugTotal, seconds));
                _next = (_next + 1) % _ring.Length;
                _count = Math.Min(_count + 1, _ring.Length);
            }
            _last = new Sample(at, lwm2mTotal, sparkplugTotal);
        }
    }

    /// <summary>The points kept, oldest first.</summary>
    public MessageRates Snapshot()
    {
        lock (_gate)
        {
            var lwm2m = new double?[_count];
            var sparkplug = new double?[_count];
            var at = new DateTimeOffset[_count];
            var oldest = (_next - _count + _ring.Length) % _ring.Length;
            for (var i = 0; i < _count; i++)
            {
                var point = _ring[(oldest + i) % _ring.Length];
                lwm2m[i] = point.Lwm2m;
                sparkplug[i] = point.Sparkplug;
                at[i] = point.At;
            }
            return new MessageRates(_intervalSeconds, lwm2m, sparkplug, at);
        }
    }

    static double? Rate(double? earlier, double? later, double seconds) =>
        earlier is { } from && later is { } to && to >= from ? Math.Round((to - from) / seconds, 3) : null;

    readonly record struct Point(DateTimeOffset At, double? Lwm2m, double? Sparkplug);

    readonly record struct Sample(DateTimeOffset At, double? Lwm2mTotal, double? SparkplugTotal);
}
