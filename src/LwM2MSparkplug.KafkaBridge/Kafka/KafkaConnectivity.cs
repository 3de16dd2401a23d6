namespace LwM2MSparkplug.KafkaBridge.Kafka;

/// <summary>Whether Kafka answers: set by the metadata probe, by delivery reports and by client errors.</summary>
public sealed class KafkaConnectivity
{
    volatile bool _reachable;
    string? _lastError;

    public bool IsReachable => _reachable;
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Returns true when this changes the state (for logging transitions only).</summary>
    public bool MarkReachable()
    {
        var changed = !_reachable;
        _reachable = true;
        return changed;
    }

    public bool MarkUnreachable(string reason)
    {
        Volatile.Write(ref _lastError, reason);
        var changed = _reachable;
        _reachable = false;
        return changed;
    }
}
