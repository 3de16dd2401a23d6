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

        var connects = Enumerable.Range(0, 30).Select(_ => limiter.WaitAsync(TestContext.Current.CancellationToken).AsTask()).ToList();
        await Task.WhenAll(connects);

        // A refill is a tenth of a second's worth (10); the first ten go at once, every later one waited.
        Assert.Equal(20, metrics.ConnectsWaited.Value);
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
