using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.DeviceSimulator.Scheduling;

/// <summary>
/// The one timer of a simulator process: every device puts its next due time here, and one loop hands each device's
/// work to the thread pool when it is due. A device costs a queue entry, not a timer or a task of its own, so an idle
/// fleet costs nothing but the wake-ups it asks for.
/// </summary>
/// <remarks>
/// Work must be short and never block: devices do their protocol work there and leave the sending to their own send
/// queues. An exception in one work item is logged and nothing else stops.
/// </remarks>
public sealed partial class DeviceScheduler : IDisposable
{
    // The loop wakes at least this often, so a due time far ahead (a lifetime of years) never overflows the timer.
    static readonly TimeSpan LongestSleep = TimeSpan.FromHours(1);

    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly Lock _gate = new();
    readonly PriorityQueue<ScheduledWork, long> _queue = new();
    readonly ITimer _timer;
    TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The due time the loop sleeps until; long.MinValue while it is awake (a new entry needs no wake-up then).
    long _sleepingUntil = long.MinValue;

    public DeviceScheduler(TimeProvider time, ILogger<DeviceScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _time = time;
        _logger = logger;
        _timer = time.CreateTimer(static state => ((DeviceScheduler)state!).Wake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A slot for work that <paramref name="run"/> does when due; it receives the time it was found due at.</summary>
    public ScheduledWork Add(Action<DateTimeOffset> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ScheduledWork(this, run);
    }

    internal void Schedule(ScheduledWork work, DateTimeOffset? due)
    {
        var ticks = due?.UtcTicks ?? long.MaxValue;
        lock (_gate)
        {
            if (ticks == work.DueTicks)
            {
                return;
            }
            // The entry of the old due time stays in the queue and is skipped when it comes up.
            work.DueTicks = ticks;
            if (ticks == long.MaxValue)
            {
                return;
            }
            _queue.Enqueue(work, ticks);
            if (ticks < _sleepingUntil)
            {
                _wake.TrySetResult();
            }
        }
    }

    /// <summary>Hands due work to the thread pool until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var cancelled = stoppingToken.Register(Wake);
        while (!stoppingToken.IsCancellationRequested)
        {
            Task sleep;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                while (_queue.TryPeek(out var work, out var ticks) && ticks <= now.UtcTicks)
                {
                    _queue.Dequeue();
                    if (work.DueTicks == ticks)
                    {
                        work.DueTicks = long.MaxValue;
                        work.Dispatch(now);
                    }
                }
                _sleepingUntil = _queue.TryPeek(out _, out var next) ? next : long.MaxValue;
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                sleep = _wake.Task;
                _timer.Change(SleepFor(_sleepingUntil, now), Timeout.InfiniteTimeSpan);
            }
            await sleep.ConfigureAwait(false);
            lock (_gate)
            {
                _sleepingUntil = long.MinValue;
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>
    /// How long to sleep until <paramref name="dueTicks"/>: in whole milliseconds rounded up (a timer that fires a
    /// fraction early would only spin the loop), at most <see cref="LongestSleep"/>, for ever when nothing is due.
    /// </summary>
    static TimeSpan SleepFor(long dueTicks, DateTimeOffset now)
    {
        if (dueTicks == long.MaxValue)
        {
            return Timeout.InfiniteTimeSpan;
        }
        var ticks = Math.Clamp(dueTicks - now.UtcTicks, 0, LongestSleep.Ticks);
        return TimeSpan.FromMilliseconds(Math.Ceiling((double)ticks / TimeSpan.TicksPerMillisecond));
    }

    internal void OnWorkFailed(Exception exception) => LogWorkFailed(_logger, exception);

    void Wake()
    {
        lock (_gate)
        {
            _wake.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled device work failed; the scheduler goes on")]
    static partial void LogWorkFailed(ILogger logger, Exception exception);
}
