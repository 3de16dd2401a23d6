using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Paths;

public class Lwm2mPathTests
{
    [Theory]
    [InlineData("/", 0)]
    [InlineData("/3", 1)]
    [InlineData("/3/0", 2)]
    [InlineData("/3/0/9", 3)]
    [InlineData("/3/0/7/1", 4)]
    [InlineData("/65534/65534/65534/65534", 4)]
    public void TryParse_ValidPath_RoundTrips(string text, int depth)
    {
        Assert.True(Lwm2mPath.TryParse(text, out var path));
        Assert.Equal(depth, path.Depth);
        Assert.Equal(text, path.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("3/0")]
    [InlineData("/3//0")]
    [InlineData("/a")]
    [InlineData("/-1")]
    [InlineData("/65535")]
    [InlineData("/03")]
    [InlineData("/1/2/3/4/5")]
    [InlineData("/ 3")]
    public void TryParse_InvalidPath_IsRejected(string text)
    {
        Assert.False(Lwm2mPath.TryParse(text, out _));
    }

    [Fact]
    public void Contains_And_Parent_FollowTheHierarchy()
    {
        var resource = Lwm2mPath.Parse("/3/0/9");

        Assert.True(Lwm2mPath.Parse("/3").Contains(resource));
        Assert.True(Lwm2mPath.Parse("/3/0").Contains(resource));
        Assert.True(Lwm2mPath.Root.Contains(resource));
        Assert.False(Lwm2mPath.Parse("/3/1").Contains(resource));
        Assert.False(resource.Contains(Lwm2mPath.Parse("/3/0")));
        Assert.Equal(Lwm2mPath.Parse("/3/0"), resource.Parent);
    }

    [Fact]
    public void Paths_SortByLevelIds()
    {
        var sorted = new[] { "/3303/0", "/3/0/9", "/1/0", "/3/0" }.Select(Lwm2mPath.Parse).Order().Select(p => p.ToString());

        Assert.Equal(["/1/0", "/3/0", "/3/0/9", "/3303/0"], sorted);
    }
}
