namespace LwM2MSparkplug.ServiceDefaults.Health;

/// <summary>
/// A counter that counts loss or lag (<see cref="Name"/> as exported), how to read it, and what its growth means.
/// With a <see cref="Whole"/> (what it is a part of, e.g. the intervals that were due), growth up to
/// <see cref="ToleratedShare"/> of the whole's growth is tolerated: a timer a millisecond late now and then is not a
/// degraded service.
/// </summary>
public sealed record WatchedCounter(string Name, Func<double> Read, string Meaning, Func<double>? Whole = null, double ToleratedShare = 0);
