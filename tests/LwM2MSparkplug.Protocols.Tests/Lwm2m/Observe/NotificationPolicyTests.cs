using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Observe;

public sealed class NotificationPolicyTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pmin_HoldsBackAChange_UntilItHasPassed()
    {
        var attributes = new NotificationAttributes(Pmin: 5);

        Assert.False(NotificationPolicy.ShouldNotify(attributes, 1.0, T0, 2.0, T0.AddSeconds(4)));
        Assert.True(NotificationPolicy.ShouldNotify(attributes, 1.0, T0, 2.0, T0.AddSeconds(5)));
    }

    [Fact]
    public void Pmax_ForcesANotification_EvenWithoutAChange()
    {
        var attributes = new NotificationAttributes(Pmax: 10);

        Assert.False(NotificationPolicy.ShouldNotify(attributes, 1.0, T0, 1.0, T0.AddSeconds(9)));
        Assert.True(NotificationPolicy.ShouldNotify(attributes, 1.0, T0, 1.0, T0.AddSeconds(10)));
    }

    [Fact]
    public void PmaxBelowPmin_IsIgnored()
    {
        Assert.False(NotificationPolicy.ShouldNotify(new NotificationAttributes(Pmin: 10, Pmax: 5), 1.0, T0, 1.0, T0.AddSeconds(20)));
    }

    [Theory]
    [InlineData(19.0, 21.0, true)]
    [InlineData(21.0, 19.0, true)]
    [InlineData(21.0, 22.0, false)]
    public void Gt_NotifiesOnACrossingInEitherDirection(double before, double now, bool expected)
    {
        Assert.Equal(expected, NotificationPolicy.ShouldNotify(new NotificationAttributes(Gt: 20), before, T0, now, T0.AddSeconds(1)));
    }

    [Theory]
    [InlineData(20.0, 20.4, false)]
    [InlineData(20.0, 20.5, true)]
    [InlineData(20.0, 19.5, true)]
    public void St_NotifiesOnAStepSinceTheLastNotification(double before, double now, bool expected)
    {
        Assert.Equal(expected, NotificationPolicy.ShouldNotify(new NotificationAttributes(St: 0.5), before, T0, now, T0.AddSeconds(1)));
    }

    [Fact]
    public void WithoutAttributes_AnyChangeNotifies_AndNoChangeDoesNot()
    {
        Assert.True(NotificationPolicy.ShouldNotify(NotificationAttributes.None, "a", T0, "b", T0));
        Assert.False(NotificationPolicy.ShouldNotify(NotificationAttributes.None, "a", T0, "a", T0.AddHours(1)));
    }

    [Theory]
    [InlineData("""{"pmin":1,"pmax":10}""", null)]
    [InlineData("""{"lt":30,"gt":20}""", "lt must be less than gt")]
    [InlineData("""{"lt":10,"gt":20,"st":5}""", "lt + 2·st must be less than gt")]
    [InlineData("""{"pmin":-1}""", "must not be negative")]
    [InlineData("""{"pmin":"1"}""", "must be a number")]
    [InlineData("""{"epmin":1,"epmax":5,"edge":1,"con":0,"hqmax":10}""", null)]
    [InlineData("""{"epmin":6,"epmax":5}""", "epmin must not be greater than epmax")]
    [InlineData("""{"epmin":-1}""", "must not be negative")]
    [InlineData("""{"edge":2}""", "edge and con must be 0 or 1")]
    [InlineData("""{"con":0.5}""", "edge and con must be 0 or 1")]
    [InlineData("""{"hqmax":1.5}""", "hqmax must be a whole number")]
    [InlineData("""{"bogus":1}""", "unknown attribute 'bogus'")]
    public void WriteAttributes_IsValidated(string json, string? error)
    {
        using var document = JsonDocument.Parse(json);

        var applied = NotificationAttributes.TryApply(NotificationAttributes.None, document.RootElement, out _, out var message);

        Assert.Equal(error is null, applied);
        if (error is not null)
        {
            Assert.Contains(error, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1, false, true, true)]
    [InlineData(1, true, false, false)]
    [InlineData(0, true, false, true)]
    [InlineData(0, false, true, false)]
    public void Edge_NotifiesABooleanOnlyOnThatEdge(int edge, bool before, bool now, bool expected)
    {
        var attributes = NotificationAttributes.None with { Edge = edge };

        Assert.Equal(expected, NotificationPolicy.ShouldNotify(attributes, before, T0, now, T0.AddSeconds(1)));
    }

    [Fact]
    public void Edge_StillNotifiesAtPmax()
    {
        var attributes = new NotificationAttributes(Pmax: 10) { Edge = 1 };

        Assert.True(NotificationPolicy.ShouldNotify(attributes, true, T0, false, T0.AddSeconds(10)));
    }

    [Fact]
    public void WriteAttributes_NullUnsets_AbsentKeeps()
    {
        using var document = JsonDocument.Parse("""{"pmin":null,"st":2}""");

        Assert.True(NotificationAttributes.TryApply(new NotificationAttributes(Pmin: 1, Pmax: 9), document.RootElement, out var result, out _));

        Assert.Equal(new NotificationAttributes(Pmin: null, Pmax: 9, St: 2), result);
    }
}
