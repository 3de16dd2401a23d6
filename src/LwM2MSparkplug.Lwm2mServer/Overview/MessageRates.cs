namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// Messages per second per protocol, one point per <see cref="IntervalSeconds"/>, oldest first: point i is the rate over
/// the interval that ended at <see cref="At"/>[i]. A null point is an interval whose rate is not known (the Sparkplug
/// host could not be read at one of its ends, or it restarted).
/// </summary>
public sealed record MessageRates(double IntervalSeconds, IReadOnlyList<double?> Lwm2m, IReadOnlyList<double?> Sparkplug, IReadOnlyList<DateTimeOffset> At);
