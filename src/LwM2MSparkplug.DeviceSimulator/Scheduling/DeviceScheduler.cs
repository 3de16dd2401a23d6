using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.DeviceSimulator.Scheduling;

/// <summary>
/// The one timer of a simulator process: every device puts its next due time here, and one loop runs each device's
/// work when it is due. A device costs a queue entry, not a timer or a task of its own, so an idle fleet costs
/// nothing but the wake-ups it asks for.
/// </summary>
/// <remarks>
/// Work runs on the loop, one item after the other, so it must be short and never block: devices do their protocol
/// work there and leave the sending to their own send queues. An exception in one item is logged and the loop goes on.
/// </remarks>
public sealed partial class DeviceScheduler : IDisposable
{
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

    /// <summary>Entries waiting in the queue, including ones already replaced by a newer due time.</summary>
    public int QueueLength
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Work that has run, since the start.</summary>
    public long Runs { get; private set; }

    /// <summary>A slot for work that <paramref name="run"/> does when due; it receives the time it runs at.</summary>
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

    /// <summary>Runs due work until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var due = new List<ScheduledWork>();
        using var cancelled = stoppingToken.Register(Wake);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            Task? sleep = null;
            lock (_gate)
            {
                while (_queue.TryPeek(out var work, out var ticks) && ticks <= now.UtcTicks)
                {
                    _queue.Dequeue();
                    if (work.DueTicks == ticks)
                    {
                        work.DueTicks = long.MaxValue;
                        due.Add(work);
                    }
                }
                if (due.Count == 0)
                {
                    _sleepingUntil = _queue.TryPeek(out _, out var next) ? next : long.MaxValue;
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    sleep = _wake.Task;
                    _timer.Change(_sleepingUntil == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(_sleepingUntil - now.UtcTicks), Timeout.InfiniteTimeSpan);
                }
            }
            if (sleep is not null)
            {
                await sleep.ConfigureAwait(false);
                lock (_gate)
                {
                    _sleepingUntil = long.MinValue;
                }
                continue;
            }
            foreach (var work in due)
            {
                try
                {
                    work.Run(now);
                }
                catch (Exception exception)
                {
                    LogWorkFailed(_logger, exception);
                }
            }
            Runs += due.Count;
            due.Clear();
        }
    }

    public void Dispose() => _timer.Dispose();

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
