using System.Collections.Concurrent;
using LwM2MSparkplug.DeviceSimulator.Scheduling;
using LwM2MSparkplug.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Scheduling;

/// <summary>
/// The shared scheduler on a fake clock. Work runs on the thread pool, so the tests wait for what must run; to show
/// that something did not run, a probe is scheduled at the same time: once it has run, the loop has handed out
/// everything due by then.
/// </summary>
public sealed class DeviceSchedulerTests : IAsyncDisposable
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    readonly FakeTimeProvider _time = new(T0);
    readonly DeviceScheduler _scheduler;
    readonly CancellationTokenSource _stopping = new();
    readonly Task _loop;
    readonly ConcurrentQueue<(string Name, DateTimeOffset At)> _runs = new();

    public DeviceSchedulerTests()
    {
        _scheduler = new DeviceScheduler(_time, NullLogger<DeviceScheduler>.Instance);
        _loop = _scheduler.RunAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _scheduler.Dispose();
        _stopping.Dispose();
    }

    [Fact]
    public async Task Work_RunsWhenDue_NotBefore_WithTheTimeItWasFoundDueAt()
    {
        Work("a").ScheduleAt(T0.AddSeconds(3));
        Work("b").ScheduleAt(T0.AddSeconds(1));
        Work("c").ScheduleAt(T0.AddSeconds(2));

        await AdvanceToAsync(T0.AddSeconds(2));
        await Eventually.UntilAsync(() => Names().Contains("b") && Names().Contains("c"), "b and c run");

        Assert.DoesNotContain("a", Names());
        Assert.All(_runs, run => Assert.Equal(T0.AddSeconds(2), run.At));
        await AdvanceToAsync(T0.AddSeconds(3));
        await Eventually.UntilAsync(() => Names().Contains("a"), "a runs");
    }

    [Fact]
    public async Task AWorkDueFarAhead_DoesNotStopTheLoop_OnTheSystemClock()
    {
        // The system timer takes at most ~49.7 days; a due time beyond must not fault the loop.
        using var stopping = new CancellationTokenSource();
        using var scheduler = new DeviceScheduler(TimeProvider.System, NullLogger<DeviceScheduler>.Instance);
        var loop = scheduler.RunAsync(stopping.Token);
        var ran = 0;

        scheduler.Add(_ => { }).ScheduleAt(DateTimeOffset.UtcNow.AddDays(60));
        await Eventually.UntilAsync(() => loop.Status == TaskStatus.WaitingForActivation, "the loop sleeps");
        scheduler.Add(_ => Interlocked.Increment(ref ran)).ScheduleAt(DateTimeOffset.UtcNow.AddMilliseconds(20));

        await Eventually.UntilAsync(() => Volatile.Read(ref ran) == 1, "work due soon still runs");
        Assert.False(loop.IsCompleted, loop.Exception?.ToString());
        await stopping.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task SchedulingAgain_ReplacesThePendingTime_LaterOrEarlier_AndRunsOnce()
    {
        var work = Work("w");
        work.ScheduleAt(T0.AddSeconds(1));
        work.ScheduleAt(T0.AddSeconds(5));

        await AdvanceToAsync(T0.AddSeconds(1));
        Assert.DoesNotContain("w", Names());
        await AdvanceToAsync(T0.AddSeconds(5));
        await Eventually.UntilAsync(() => Names().Contains("w"), "w runs at its new time");

        work.ScheduleAt(T0.AddSeconds(10));
        work.ScheduleAt(T0.AddSeconds(6));
        await AdvanceToAsync(T0.AddSeconds(6));
        await Eventually.UntilAsync(() => Names().Count(name => name == "w") == 2, "w runs at its earlier time");
        await AdvanceToAsync(T0.AddSeconds(10));
        Assert.Equal(2, Names().Count(name => name == "w"));
        Assert.Equal(T0.AddSeconds(6), _runs.Last(run => run.Name == "w").At);
    }

    [Fact]
    public async Task Cancel_PreventsThePendingRun()
    {
        var work = Work("w");
        work.ScheduleAt(T0.AddSeconds(1));

        work.Cancel();
        await AdvanceToAsync(T0.AddSeconds(2));

        Assert.DoesNotContain("w", Names());
    }

    [Fact]
    public async Task WorkThatSchedulesItselfAgain_RunsEveryInterval()
    {
        ScheduledWork? work = null;
        work = _scheduler.Add(now =>
        {
            _runs.Enqueue(("tick", now));
            work!.ScheduleAt(now.AddSeconds(1));
        });
        work.ScheduleAt(T0.AddSeconds(1));

        for (var second = 1; second <= 5; second++)
        {
            await AdvanceToAsync(T0.AddSeconds(second));
            await Eventually.UntilAsync(() => Names().Count(name => name == "tick") == second, $"tick {second} runs");
        }
    }

    [Fact]
    public async Task AFailingWork_DoesNotStopTheLoop()
    {
        _scheduler.Add(_ => throw new InvalidOperationException("broken device")).ScheduleAt(T0.AddSeconds(1));
        Work("after").ScheduleAt(T0.AddSeconds(1));

        await AdvanceToAsync(T0.AddSeconds(1));
        await AdvanceToAsync(T0.AddSeconds(2));

        await Eventually.UntilAsync(() => Names().Contains("after"), "the other work runs");
        Assert.Equal(2, Names().Count(name => name == "probe"));
    }

    ScheduledWork Work(string name) => _scheduler.Add(now => _runs.Enqueue((name, now)));

    List<string> Names() => [.. _runs.Select(run => run.Name)];

    /// <summary>Moves the clock to <paramref name="at"/> and waits until the loop has handed out everything due by then.</summary>
    async Task AdvanceToAsync(DateTimeOffset at)
    {
        var probes = Names().Count(name => name == "probe");
        Work("probe").ScheduleAt(at);
        _time.Advance(at - _time.GetUtcNow());
        await Eventually.UntilAsync(() => Names().Count(name => name == "probe") > probes, $"the scheduler has run what is due at {at:T}");
    }
}
