using LwM2MSparkplug.Protocols.Sparkplug.Session;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.Session;

public class SparkplugSeqTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(254, 255)]
    [InlineData(255, 0)]
    public void Next_WrapsAfter255(byte value, byte expected)
    {
        Assert.Equal(expected, SparkplugSeq.Next(value));
    }

    [Theory]
    [InlineData(255UL, true)]
    [InlineData(256UL, false)]
    [InlineData(ulong.MaxValue, false)]
    public void TryFromWire_AcceptsOnly0To255(ulong wire, bool valid)
    {
        Assert.Equal(valid, SparkplugSeq.TryFromWire(wire, out _));
    }

    [Theory]
    [InlineData(250, 2, 8)]
    [InlineData(3, 3, 0)]
    [InlineData(0, 255, 255)]
    public void Distance_CountsForwardModulo256(byte from, byte to, int expected)
    {
        Assert.Equal(expected, SparkplugSeq.Distance(from, to));
    }
}
