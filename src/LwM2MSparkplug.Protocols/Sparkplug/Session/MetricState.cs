using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>The host's last known value of one metric. Updated in place on the receive path.</summary>
public sealed class MetricState
{
    readonly int _maxHistoricalValues;

    // Created with the first historical value: most metrics never have one.
    List<HistoricalValue>? _history;

    /// <summary>A metric with no value yet, keeping at most <paramref name="maxHistoricalValues"/> historical values (0: none).</summary>
    public MetricState(MetricDescriptor descriptor, int maxHistoricalValues = 0)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentOutOfRangeException.ThrowIfNegative(maxHistoricalValues);
        Descriptor = descriptor;
        Value = MetricValue.Null(descriptor.DataType);
        _maxHistoricalValues = maxHistoricalValues;
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

    /// <summary>
    /// The newest historical values by timestamp, oldest first; at most the number given at construction. Values sent
    /// with <c>is_historical</c> land here and never in <see cref="Value"/>.
    /// </summary>
    public IReadOnlyList<HistoricalValue> History => _history ?? (IReadOnlyList<HistoricalValue>)[];

    /// <summary>
    /// Keeps a value sent with <c>is_historical</c> (Sparkplug 3.0 §6.4.6: not a current value, e.g. one held back while
    /// the network was down); the current value is left alone. Backfill can arrive in any order, so the history is kept
    /// in timestamp order and the oldest one goes when it is full.
    /// </summary>
    public void AddHistorical(MetricValue value, ulong? timestamp)
    {
        if (_maxHistoricalValues == 0)
        {
            return;
        }
        _history ??= [];
        var at = _history.Count;
        while (at > 0 && (_history[at - 1].Timestamp ?? 0) > (timestamp ?? 0))
        {
            at--;
        }
        _history.Insert(at, new HistoricalValue(value, timestamp));
        if (_history.Count > _maxHistoricalValues)
        {
            _history.RemoveAt(0);
        }
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
