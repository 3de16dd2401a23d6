namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>The host's view of one device behind an edge node, from its DBIRTH onwards.</summary>
public sealed class DeviceSession
{
    readonly Dictionary<string, MetricState> _metrics = [];

    public DeviceSession(string deviceId)
    {
        DeviceId = deviceId;
    }

    public string DeviceId { get; }
    public bool IsOnline { get; private set; }
    public DateTimeOffset? BirthTime { get; private set; }
    public DateTimeOffset? DeathTime { get; private set; }
    public IReadOnlyDictionary<string, MetricState> Metrics => _metrics;

    internal Dictionary<string, MetricState> MutableMetrics => _metrics;

    internal void Born(DateTimeOffset at)
    {
        _metrics.Clear();
        IsOnline = true;
        BirthTime = at;
        DeathTime = null;
    }

    internal void Died(DateTimeOffset at)
    {
        IsOnline = false;
        DeathTime = at;
        foreach (var metric in _metrics.Values)
        {
            metric.MarkStale(at);
        }
    }
}
