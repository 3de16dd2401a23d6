using LwM2MSparkplug.Lwm2mServer.Overview;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Overview;

/// <summary>Counter samples turned into rates, in a bounded ring.</summary>
public sealed class MessageRateSeriesTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_GivesTheRateSinceTheSampleBefore_PerProtocol()
    {
        var series = new MessageRateSeries(10, TimeSpan.FromSeconds(5));

        series.Add(T0, 100, 1000);
        series.Add(T0.AddSeconds(5), 150, 1500);
        series.Add(T0.AddSeconds(10), 150, 1510);

        var rates = series.Snapshot();
        Assert.Equal(5, rates.IntervalSeconds);
        Assert.Equal([10.0, 0.0], rates.Lwm2m);
        Assert.Equal([100.0, 2.0], rates.Sparkplug);
        Assert.Equal([T0.AddSeconds(5), T0.AddSeconds(10)], rates.At);
    }

    [Fact]
    public void Add_TheFirstSample_OnlySetsTheStart()
    {
        var series = new MessageRateSeries(10, TimeSpan.FromSeconds(5));

        series.Add(T0, 100, 1000);

        Assert.Empty(series.Snapshot().At);
    }

    [Fact]
    public void Add_SparkplugMissingAtEitherEnd_OrItsCounterWentDown_IsANullPoint()
    {
        var series = new MessageRateSeries(10, TimeSpan.FromSeconds(1));

        series.Add(T0, 0, 500);
        series.Add(T0.AddSeconds(1), 1, null);
        series.Add(T0.AddSeconds(2), 2, 520);
        series.Add(T0.AddSeconds(3), 3, 7);
        series.Add(T0.AddSeconds(4), 4, 10);

        var rates = series.Snapshot();
        Assert.Equal([null, null, null, 3.0], rates.Sparkplug);
        Assert.Equal([1.0, 1.0, 1.0, 1.0], rates.Lwm2m);
    }

    [Fact]
    public void Add_PastTheCapacity_KeepsTheNewestPoints_OldestFirst()
    {
        var series = new MessageRateSeries(3, TimeSpan.FromSeconds(1));

        for (var second = 0; second <= 10; second++)
        {
            series.Add(T0.AddSeconds(second), second * second, null);
        }

        var rates = series.Snapshot();
        Assert.Equal([T0.AddSeconds(8), T0.AddSeconds(9), T0.AddSeconds(10)], rates.At);
        Assert.Equal([15.0, 17.0, 19.0], rates.Lwm2m);
    }

    [Fact]
    public void Add_AtOrBeforeTheLastSample_AddsNoPoint()
    {
        var series = new MessageRateSeries(3, TimeSpan.FromSeconds(1));

        series.Add(T0, 0, 0);
        series.Add(T0, 10, 10);

        Assert.Empty(series.Snapshot().At);
    }
}
