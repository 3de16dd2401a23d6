namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>A decoded Sparkplug metric (Sparkplug 3.0 §6.4.6).</summary>
/// <remarks>
/// <see cref="Name"/> is null when the metric was sent by alias only; <see cref="Alias"/> is null when it carries none;
/// <see cref="Timestamp"/> is milliseconds since the Unix epoch (UTC), null when absent.
/// </remarks>
public sealed record SparkplugMetric(
    string? Name,
    ulong? Alias,
    ulong? Timestamp,
    MetricValue Value,
    SparkplugPropertySet? Properties = null,
    bool IsHistorical = false,
    bool IsTransient = false)
{
    public SparkplugDataType DataType => Value.DataType;

    public bool Equals(SparkplugMetric? other) =>
        other is not null
        && Name == other.Name
        && Alias == other.Alias
        && Timestamp == other.Timestamp
        && Value.Equals(other.Value)
        && Equals(Properties, other.Properties)
        && IsHistorical == other.IsHistorical
        && IsTransient == other.IsTransient;

    public override int GetHashCode() => HashCode.Combine(Name, Alias, Timestamp, Value);
}
