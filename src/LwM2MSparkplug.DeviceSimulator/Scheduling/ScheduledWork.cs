namespace LwM2MSparkplug.DeviceSimulator.Scheduling;

/// <summary>
/// One party's slot in a <see cref="DeviceScheduler"/>: at most one pending due time; scheduling again replaces it.
/// </summary>
public sealed class ScheduledWork
{
    readonly DeviceScheduler _scheduler;
    readonly Action<DateTimeOffset> _run;

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

    internal void Run(DateTimeOffset now) => _run(now);
}
