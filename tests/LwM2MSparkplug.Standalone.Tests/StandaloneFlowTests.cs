namespace LwM2MSparkplug.Standalone.Tests;

public sealed class StandaloneFlowTests
{
    [Fact]
    public void Rates_are_the_differences_per_second_at_every_hop()
    {
        var earlier = new StandaloneFlow(1_000, 100, 0, 1_000, 100, 0, 900, 100, 900);
        var later = new StandaloneFlow(11_000, 300, 4, 11_000, 300, 500, 10_400, 300, 10_900);

        var rates = later.RatesSince(earlier, 2);

        Assert.Equal(new StandaloneFlow(5_000, 100, 2, 5_000, 100, 250, 4_750, 100, 5_000), rates);
    }
}
