namespace LwM2MSparkplug.Standalone.Broker;

/// <summary>
/// Lets one log line through per interval for an event that a client can repeat thousands of times a second, and
/// counts the lines held back so that the next one can say how many. Thread-safe.
/// </summary>
public sealed class LogThrottle(TimeSpan interval, TimeProvider time)
{
    readonly Lock _gate = new();
    long? _lastTimestamp;
    long _suppressed;

    /// <summary>True when a line may be written now; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool TryEnter(out long suppressed)
    {
        lock (_gate)
        {
            if (_lastTimestamp is { } last && time.GetElapsedTime(last) < interval)
            {
                _suppressed++;
                suppressed = 0;
                return false;
            }
            _lastTimestamp = time.GetTimestamp();
            suppressed = _suppressed;
            _suppressed = 0;
            return true;
        }
    }
}
