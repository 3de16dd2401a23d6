using LwM2MSparkplug.ServiceDefaults.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Health;

public sealed class LossAndLagHealthCheckTests
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    double _drops;
    double _lag;

    [Fact]
    public async Task Healthy_WhileNothingGrows()
    {
        var check = Create();
        _time.Advance(TimeSpan.FromSeconds(30));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Degraded_WhileACounterGrewWithinTheWindow_SayingWhichAndWhy_ThenHealthyAgain()
    {
        var check = Create();
        _time.Advance(TimeSpan.FromSeconds(10));
        _drops += 3;

        var degraded = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("drops_total grew by 3 (messages were lost)", degraded.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("lag_total", degraded.Description, StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task GrowthLongerAgoThanTheWindow_ButNotSeenByAnyCheckSince_StillCounts()
    {
        var check = Create();
        _lag += 1;
        _time.Advance(TimeSpan.FromMinutes(10));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task AsRegistered_TheCheckKeepsItsSamplesAcrossHealthRuns()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddOptions<HealthOptions>();
        services.AddLossAndLagHealthCheck(_ => [new("drops_total", () => _drops, "messages were lost")]);
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(TestContext.Current.CancellationToken)).Status);

        _drops += 1;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync(TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task ACounterWithATolerance_DegradesOnlyWhenItGrewByMoreThanItsShareOfTheWhole()
    {
        double missed = 0, due = 0;
        var check = new LossAndLagHealthCheck(_time, TimeSpan.FromSeconds(60),
            [new("missed_total", () => missed, "intervals were missed", Whole: () => due, ToleratedShare: 0.01)]);
        missed += 5;
        due += 1000;
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);

        missed += 20;
        due += 1000;
        _time.Advance(TimeSpan.FromSeconds(10));
        var degraded = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("missed_total grew by 25 of 2000 (1.25 %, more than the 1 % tolerated; intervals were missed)", degraded.Description, StringComparison.Ordinal);
    }

    LossAndLagHealthCheck Create() => new(_time, TimeSpan.FromSeconds(60),
    [
        new("drops_total", () => _drops, "messages were lost"),
        new("lag_total", () => _lag, "a reader fell behind"),
    ]);
}
