using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.Protocols.Sparkplug.Edge;

/// <summary>
/// The application behind an <see cref="EdgeNode"/>: where metric values come from and where writes go. The edge
/// node decides when to read (births, data) and which values to send (report by exception); the source only answers.
/// </summary>
public interface IEdgeNodeMetricSource
{
    /// <summary>Brings the values up to <paramref name="now"/>; called once before the metrics are read for a message.</summary>
    void Sample(DateTimeOffset now);

    /// <summary>The current value of <paramref name="metric"/>, of its declared datatype.</summary>
    MetricValue Read(EdgeMetricDefinition metric);

    /// <summary>
    /// Applies a host's write of a writable metric. The value already has the declared datatype; the source may
    /// still refuse it (its own policy, e.g. a setpoint that takes finite numbers only) by returning false.
    /// </summary>
    bool TryWrite(EdgeMetricDefinition metric, MetricValue value);
}
