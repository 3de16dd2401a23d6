using LwM2MSparkplug.ServiceDefaults.Observability;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Observability;

public sealed class LogBurstGateTests
{
    static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FirstLine_Passes_TheRestOfTheIntervalIsHeld_AndTheNextLineSaysHowManyWereHeld()
    {
        var gate = new LogBurstGate(TimeSpan.FromSeconds(10));

        Assert.True(gate.TryPass(Start, out var first));
        Assert.Equal(0, first);
        Assert.False(gate.TryPass(Start.AddSeconds(1), out _));
        Assert.False(gate.TryPass(Start.AddSeconds(9.9), out _));

        Assert.True(gate.TryPass(Start.AddSeconds(10), out var held));
        Assert.Equal(2, held);
        Assert.False(gate.TryPass(Start.AddSeconds(11), out _));
    }
}
