using LwM2MSparkplug.Standalone.Broker;
using Microsoft.Extensions.Time.Testing;

namespace LwM2MSparkplug.Standalone.Tests.Broker;

public sealed class LogThrottleTests
{
    readonly FakeTimeProvider _time = new();

    [Fact]
    public void The_first_line_passes_and_repeats_within_the_interval_are_held_back()
    {
        var throttle = new LogThrottle(TimeSpan.FromSeconds(10), _time);

        Assert.True(throttle.TryEnter(out var suppressed));
        Assert.Equal(0, suppressed);
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(throttle.TryEnter(out _));
    }

    [Fact]
    public void After_the_interval_the_next_line_says_how_many_were_held_back()
    {
        var throttle = new LogThrottle(TimeSpan.FromSeconds(10), _time);
        throttle.TryEnter(out _);
        throttle.TryEnter(out _);
        throttle.TryEnter(out _);

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(throttle.TryEnter(out var suppressed));
        Assert.Equal(2, suppressed);
    }
}
