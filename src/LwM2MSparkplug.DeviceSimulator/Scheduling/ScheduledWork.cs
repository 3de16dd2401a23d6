namespace LwM2MSparkplug.DeviceSimulator.Scheduling;

/// <summary>
/// One party's slot in a <see cref="DeviceScheduler"/>: at most one pending due time; scheduling again replaces it.
/// When due, the work runs on the thread pool, so different parties' work runs in parallel; one party's work must
/// serialise itself (a device does so with its lock).
/// </summary>
public sealed class ScheduledWork : IThreadPoolWorkItem
{
    readonly DeviceScheduler _scheduler;
    readonly Action<DateTimeOffset> _run;
    DateTimeOffset _dueAt;

    internal ScheduledWork(DeviceScheduler scheduler, Action<DateTimeOffset> run)
    {
        _scheduler = scheduler;
        _run = run;
    }

    /// <summary>The pending due time in UTC ticks, <see cref="long.MaxValue"/> when none. Guarded by the scheduler.</summary>
    internal long DueTicks { get; set; } = long.MaxValue;

    /// <summary>Runs the work at <paramref name="due"/> (at once if it has passed); null cancels the pending run.</summary>
    public void ScheduleAt(DateTimeOffset? due) => _scheduler.Schedule(this, due);

    public void Cancel() => ScheduleAt(null);

    /// <summary>Queues the work to the thread pool, to run with the time the scheduler found it due at.</summary>
    internal void Dispatch(DateTimeOffset now)
    {
        _dueAt = now;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            _run(_dueAt);
        }
        catch (Exception exception)
        {
            _scheduler.OnWorkFailed(exception);
        }
    }
}
