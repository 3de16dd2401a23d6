using System.Diagnostics;
using LwM2MSparkplug.DeviceSimulator.Devices;
using Prometheus;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Devices;

public sealed class ConnectLimiterTests
{
    [Fact]
    public async Task ABurstOfConnects_PassesOneRefillAtATime_TheRestWaitTheirTurnAndAreCounted()
    {
        var metrics = new SimulatorMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
        using var limiter = new ConnectLimiter(connectsPerSecond: 100, metrics);

        var burst = Stopwatch.StartNew();
        var connects = Enumerable.Range(0, 30).Select(_ => limiter.WaitAsync(TestContext.Current.CancellationToken).AsTask()).ToList();
        var refillsDuringTheBurst = (int)(burst.Elapsed / TimeSpan.FromMilliseconds(100));
        await Task.WhenAll(connects);

        // A refill is a tenth of a second's worth (10); the first ten go at once, every later one waited, unless the
        // limiter's own clock refilled while a busy machine was still issuing the burst.
        Assert.InRange(metrics.ConnectsWaited.Value, Math.Max(0, 20 - (10 * refillsDuringTheBurst)), 20);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void ARateThatIsNotPositive_IsRefused(double rate)
    {
        var metrics = new SimulatorMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));

        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectLimiter(rate, metrics));
    }
}
