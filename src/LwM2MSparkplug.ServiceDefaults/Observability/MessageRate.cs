namespace LwM2MSparkplug.ServiceDefaults.Observability;

/// <summary>
/// Messages per minute of one source, counted in twelve 5-second buckets: <see cref="Record"/> takes no lock and
/// allocates nothing (one compare-and-swap on a packed <c>long</c>), so it can sit on a receive path; about 150 bytes per
/// source. <see cref="PerMinute"/> sums the last 60 s: the current bucket, the eleven before it, and the part of the
/// twelfth still inside the window (a sliding-window estimate, exact when <c>now</c> falls on a bucket boundary). Time
/// is passed in, so the counter never reads a clock. Concurrent <see cref="Record"/> calls are all counted; a read
/// racing a record may miss that one message.
/// </summary>
public sealed class MessageRate
{
    /// <summary>The window <see cref="PerMinute"/> covers.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    const int Buckets = 12;
    const long BucketMilliseconds = 5_000;
    const int CountBits = 24;
    const long CountMask = (1L << CountBits) - 1;

    // Each slot: bucket number (milliseconds since the epoch / 5000) in the high 40 bits, its count in the low 24.
    readonly long[] _slots = new long[Buckets + 1];

    /// <summary>Counts one message received at <paramref name="now"/>.</summary>
    public void Record(DateTimeOffset now)
    {
        var bucket = now.ToUnixTimeMilliseconds() / BucketMilliseconds;
        ref var slot = ref _slots[bucket % _slots.Length];
        while (true)
        {
            var old = Volatile.Read(ref slot);
            var updated = old >> CountBits == bucket
                ? ((old & CountMask) == CountMask ? old : old + 1) // saturates at 16 777 215 per 5 s rather than spill into the bucket number
                : (bucket << CountBits) | 1;
            if (updated == old || Interlocked.CompareExchange(ref slot, updated, old) == old)
            {
                return;
            }
        }
    }

    /// <summary>Messages in the 60 s before <paramref name="now"/> (rounded to a whole message).</summary>
    public int PerMinute(DateTimeOffset now)
    {
        var milliseconds = now.ToUnixTimeMilliseconds();
        var current = milliseconds / BucketMilliseconds;
        var elapsedInCurrent = milliseconds - (current * BucketMilliseconds);
        double total = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            var value = Volatile.Read(ref _slots[i]);
            var age = current - (value >> CountBits);
            var count = value & CountMask;
            if (age is >= 0 and < Buckets)
            {
                total += count;
            }
            else if (age == Buckets)
            {
                // The oldest bucket straddles the window's start: the part of it still inside, assuming an even spread.
                total += count * (BucketMilliseconds - elapsedInCurrent) / (double)BucketMilliseconds;
            }
        }
        return (int)Math.Round(total, MidpointRounding.AwayFromZero);
    }

    /// <summary>True when nothing was recorded in the 65 s before <paramref name="now"/>: the source may be forgotten.</summary>
    public bool IsIdle(DateTimeOffset now)
    {
        var current = now.ToUnixTimeMilliseconds() / BucketMilliseconds;
        for (var i = 0; i < _slots.Length; i++)
        {
            var value = Volatile.Read(ref _slots[i]);
            if (value != 0 && current - (value >> CountBits) <= Buckets)
            {
                return false;
            }
        }
        return true;
    }
}
