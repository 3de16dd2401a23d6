using LwM2MSparkplug.Protocols.Sparkplug.Session;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.Session;

public sealed class RebirthThrottleTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OneRequestPerNode_PerDebounceInterval()
    {
        var throttle = new RebirthThrottle(TimeSpan.FromSeconds(5), ratePerSecond: 100);

        Assert.Equal(RebirthDecision.Send, throttle.Request("G", "a", RebirthReason.SeqGap, T0));
        Assert.Equal(RebirthDecision.Debounced, throttle.Request("G", "a", RebirthReason.SeqGap, T0.AddSeconds(4.9)));
        Assert.Equal(RebirthDecision.Send, throttle.Request("G", "b", RebirthReason.SeqGap, T0.AddSeconds(4.9)));
        Assert.Equal(RebirthDecision.Send, throttle.Request("G", "a", RebirthReason.SeqGap, T0.AddSeconds(5)));
    }

    [Fact]
    public void ForgottenNode_IsNotDebouncedByItsOldRecord()
    {
        var throttle = new RebirthThrottle(TimeSpan.FromSeconds(5), ratePerSecond: 100);
        throttle.Request("G", "a", RebirthReason.DataBeforeBirth, T0);

        throttle.Forget("G", "a");

        Assert.Equal(RebirthDecision.Send, throttle.Request("G", "a", RebirthReason.DataBeforeBirth, T0.AddSeconds(1)));
    }

    [Fact]
    public void OverTheGlobalRate_RequestsWait_AndEveryOneIsReleasedInOrder()
    {
        var throttle = new RebirthThrottle(TimeSpan.FromSeconds(5), ratePerSecond: 10);
        var decisions = Enumerable.Range(0, 25).Select(i => throttle.Request("G", $"n{i}", RebirthReason.SeqGap, T0)).ToList();

        Assert.Equal(10, decisions.Count(d => d == RebirthDecision.Send));
        Assert.Equal(15, decisions.Count(d => d == RebirthDecision.Delayed));
        Assert.Equal(15, throttle.Pending);
        Assert.Equal(T0.AddSeconds(0.1), throttle.NextDueAt);

        var released = new List<string>();
        for (var tenth = 1; tenth <= 20; tenth++)
        {
            released.AddRange(throttle.Release(T0.AddSeconds(tenth / 10.0)).Select(r => r.EdgeNodeId));
        }

        Assert.Equal(Enumerable.Range(10, 15).Select(i => $"n{i}"), released);
        Assert.Equal(0, throttle.Pending);
        Assert.Null(throttle.NextDueAt);
    }

    [Fact]
    public void AWaitingNode_IsRequestedOnce_AndNewRequestsQueueBehindTheWaitingOnes()
    {
        var throttle = new RebirthThrottle(TimeSpan.FromSeconds(5), ratePerSecond: 1);
        throttle.Request("G", "a", RebirthReason.SeqGap, T0);
        Assert.Equal(RebirthDecision.Delayed, throttle.Request("G", "b", RebirthReason.UnknownAlias, T0));

        Assert.Equal(RebirthDecision.AlreadyPending, throttle.Request("G", "b", RebirthReason.SeqGap, T0.AddSeconds(0.5)));
        Assert.Equal(RebirthDecision.Delayed, throttle.Request("G", "c", RebirthReason.SeqGap, T0.AddSeconds(1.5)));

        var first = Assert.Single(throttle.Release(T0.AddSeconds(1.5)));
        Assert.Equal(("b", RebirthReason.UnknownAlias, T0), (first.EdgeNodeId, first.Reason, first.RequestedAt));
        Assert.Equal("c", Assert.Single(throttle.Release(T0.AddSeconds(2.5))).EdgeNodeId);
    }

    [Fact]
    public void AReleasedRequest_StartsItsNodesDebounce()
    {
        var throttle = new RebirthThrottle(TimeSpan.FromSeconds(5), ratePerSecond: 1);
        throttle.Request("G", "a", RebirthReason.SeqGap, T0);
        throttle.Request("G", "b", RebirthReason.SeqGap, T0);
        throttle.Release(T0.AddSeconds(1));

        Assert.Equal(RebirthDecision.Debounced, throttle.Request("G", "b", RebirthReason.SeqGap, T0.AddSeconds(2)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ARateThatIsNotPositive_IsRefused(double rate)
    {
        Assert.Throws<ArgumentException>(() => new RebirthThrottle(TimeSpan.FromSeconds(5), rate));
    }
}
