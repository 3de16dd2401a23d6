using LwM2MSparkplug.Protocols.Sparkplug.Edge;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.Edge;

public sealed class EdgeNodeSequenceTests
{
    [Fact]
    public void Birth_IsZero_ThenNextCountsUpAndWraps()
    {
        var sequence = new EdgeNodeSequence();

        Assert.Equal(0, sequence.Birth());
        var seen = Enumerable.Range(0, 300).Select(_ => sequence.Next()).ToList();

        Assert.Equal(1, seen[0]);
        Assert.Equal(255, seen[254]);
        Assert.Equal(0, seen[255]);
        Assert.Equal(0, sequence.Birth());
        Assert.Equal(1, sequence.Next());
    }
}
