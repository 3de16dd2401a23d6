using HdrHistogram;

namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>End-to-end latencies in microseconds (1 µs to 1 h, 3 significant digits), recorded from any thread.</summary>
public sealed class LatencyHistogram
{
    const long HighestMicroseconds = 3_600_000_000;

    readonly LongConcurrentHistogram _histogram = new(1, HighestMicroseconds, 3);

    public long Count => _histogram.TotalCount;

    /// <summary>Records one latency; a negative one (clocks apart) counts as the lowest, a huge one as the highest.</summary>
    public void Record(TimeSpan latency) =>
        _histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds));

    public LatencySummary Summarise() => _histogram.TotalCount == 0
        ? LatencySummary.None
        : new LatencySummary(
            _histogram.TotalCount,
            _histogram.GetValueAtPercentile(50) / 1000.0,
            _histogram.GetValueAtPercentile(99) / 1000.0,
            _histogram.GetMaxValue() / 1000.0);
}

/// <summary>Latency percentiles in milliseconds; <see cref="IsUpperBound"/> when read from a Prometheus histogram's buckets.</summary>
public sealed record LatencySummary(long Count, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds, bool IsUpperBound = false)
{
    public static readonly LatencySummary None = new(0, 0, 0, 0);

    /// <summary>
    /// Percentiles from the difference of two scrapes of a Prometheus histogram: each is the upper bound of the bucket
    /// it falls in (the histogram cannot say more), the maximum that of the highest bucket with a count.
    /// </summary>
    public static LatencySummary FromBuckets(IReadOnlyList<(double UpperBound, double Count)> before, IReadOnlyList<(double UpperBound, double Count)> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var buckets = after.Select(b => (b.UpperBound, Count: b.Count - before.Where(e => e.UpperBound == b.UpperBound).Sum(e => e.Count))).ToList();
        var total = buckets.Count == 0 ? 0 : buckets[^1].Count;
        if (total <= 0)
        {
            return None;
        }
        double Percentile(double p) => buckets.First(b => b.Count >= total * p).UpperBound * 1000;
        var max = buckets.First(b => b.Count >= total).UpperBound * 1000;
        return new LatencySummary((long)total, Percentile(0.5), Percentile(0.99), max, IsUpperBound: true);
    }
}
