using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>The host's last known value of one metric. Updated in place on the receive path.</summary>
public sealed class MetricState
{
    public MetricState(MetricDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
        Value = MetricValue.Null(descriptor.DataType);
    }

    public MetricDescriptor Descriptor { get; }
    public string Name => Descriptor.Name;
    public MetricValue Value { get; private set; }

    /// <summary>The metric timestamp in milliseconds since the Unix epoch (UTC), or the payload's when the metric had none.</summary>
    public ulong? Timestamp { get; private set; }

    /// <summary>The Quality property sent with the current value, if any (Sparkplug 3.0 §6.4.14).</summary>
    public SparkplugQuality? ReportedQuality { get; private set; }

    public SparkplugPropertySet? Properties { get; private set; }

    /// <summary>True after the node or device died: the value was right once but may no longer be.</summary>
    public bool IsStale { get; private set; }

    /// <summary>When the value became stale: host receive time for NDEATH, DDEATH payload time for DDEATH.</summary>
    public DateTimeOffset? StaleSince { get; private set; }

    /// <summary>STALE (500) while stale, else the reported quality, else GOOD for a value that is present.</summary>
    public SparkplugQuality Quality => IsStale ? SparkplugQuality.Stale : ReportedQuality ?? SparkplugQuality.Good;

    public void Update(MetricValue value, ulong? timestamp, SparkplugPropertySet? properties)
    {
        Value = value;
        Timestamp = timestamp;
        // Quality belongs to the value it came with (Sparkplug 3.0 §6.4.14): a value sent without it is GOOD, whatever
        // an earlier one said. The other properties (engUnit, ...) stay until a message sends the metric's properties again.
        Properties = properties ?? Properties?.Without(SparkplugPropertySet.QualityKey);
        ReportedQuality = properties?.Quality;
        IsStale = false;
        StaleSince = null;
    }

    public void MarkStale(DateTimeOffset since)
    {
        if (!IsStale)
        {
            IsStale = true;
            StaleSince = since;
        }
    }
}
