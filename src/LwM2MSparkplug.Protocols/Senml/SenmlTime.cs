namespace LwM2MSparkplug.Protocols.Senml;

/// <summary>SenML times (RFC 8428 §4.5.3): seconds since the Unix epoch from 2^28 on, relative to "now" below it.</summary>
public static class SenmlTime
{
    /// <summary>Times below this are relative to the receiver's now (a negative one is in the past).</summary>
    public const double RelativeBelow = 268_435_456;

    /// <summary>The absolute time of a resolved SenML time (base time plus time), received at <paramref name="now"/>.</summary>
    public static DateTimeOffset ToAbsolute(double time, DateTimeOffset now) =>
        time >= RelativeBelow
            ? DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(time * TimeSpan.TicksPerSecond))
            : now.AddTicks((long)Math.Round(time * TimeSpan.TicksPerSecond));
}
