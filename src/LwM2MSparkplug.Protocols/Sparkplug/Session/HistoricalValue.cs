using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>
/// A value an edge node sent with <c>is_historical</c> set: it was the metric's value at <see cref="Timestamp"/>
/// (milliseconds since the Unix epoch, UTC; null when neither the metric nor its payload had one), not its current value.
/// </summary>
public sealed record HistoricalValue(MetricValue Value, ulong? Timestamp);
