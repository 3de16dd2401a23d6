using LwM2MSparkplug.ServiceDefaults.Observability;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Observability;

public sealed class MessageRateTests
{
    // On a 5-second bucket boundary, so whole buckets enter and leave the window.
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PerMinute_CountsTheLastSixtySeconds_AndForgetsOlderMessages()
    {
        var rate = new MessageRate();
        for (var second = 0; second < 120; second++)
        {
            rate.Record(T0.AddSeconds(second));
        }

        Assert.Equal(60, rate.PerMinute(T0.AddSeconds(120)));
        Assert.Equal(30, rate.PerMinute(T0.AddSeconds(150)));
        Assert.Equal(0, rate.PerMinute(T0.AddSeconds(180)));
    }

    [Fact]
    public void PerMinute_TheBucketStraddlingTheWindowStart_CountsInProportion()
    {
        var rate = new MessageRate();
        for (var i = 0; i < 10; i++)
        {
            rate.Record(T0);
        }

        Assert.Equal(10, rate.PerMinute(T0.AddSeconds(60)));
        Assert.Equal(6, rate.PerMinute(T0.AddSeconds(62)));
        Assert.Equal(0, rate.PerMinute(T0.AddSeconds(65)));
    }

    [Fact]
    public void Record_ManyThreadsAtOnce_CountsEveryMessage()
    {
        var rate = new MessageRate();

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                rate.Record(T0.AddSeconds(1));
            }
        });

        Assert.Equal(80_000, rate.PerMinute(T0.AddSeconds(2)));
    }

    [Fact]
    public void IsIdle_AfterAMinuteOfSilence_NotBefore()
    {
        var rate = new MessageRate();
        Assert.True(rate.IsIdle(T0));

        rate.Record(T0);

        Assert.False(rate.IsIdle(T0.AddSeconds(59)));
        Assert.True(rate.IsIdle(T0.AddSeconds(70)));
    }
}
