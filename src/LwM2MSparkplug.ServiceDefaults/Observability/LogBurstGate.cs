namespace LwM2MSparkplug.ServiceDefaults.Observability;

/// <summary>
/// Lets one log line through per interval for a condition that repeats (a limit refusing message after message) and
/// says how many lines it held back, so a flood costs a line every few seconds instead of one per message. Thread-safe.
/// </summary>
public sealed class LogBurstGate(TimeSpan interval)
{
    readonly Lock _gate = new();
    DateTimeOffset _nextAt = DateTimeOffset.MinValue;
    long _held;

    /// <summary>
    /// True when a line may be written at <paramref name="now"/>; <paramref name="held"/> is how many were held back
    /// since the last line written. False holds this one back.
    /// </summary>
    public bool TryPass(DateTimeOffset now, out long held)
    {
        lock (_gate)
        {
            if (now < _nextAt)
            {
                _held++;
                held = 0;
                return false;
            }
            held = _held;
            _held = 0;
            _nextAt = now + interval;
            return true;
        }
    }
}
