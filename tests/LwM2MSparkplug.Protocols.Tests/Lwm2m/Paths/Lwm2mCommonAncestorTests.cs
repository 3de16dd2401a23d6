using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Paths;

public sealed class Lwm2mCommonAncestorTests
{
    [Theory]
    [InlineData("/3/0/9", "/3/0/9")]
    [InlineData("/3/0/6/0 /3/0/6/1", "/3/0/6")]
    [InlineData("/3/0/0 /3/0/6/1", "/3/0")]
    [InlineData("/3/0/0 /3/1/0", "/3")]
    [InlineData("/3/0/0 /1/0/1", "/")]
    [InlineData("/3/0 /3/0/9", "/3/0")]
    public void TheCommonAncestor_IsTheDeepestPathHoldingEveryPath(string paths, string expected)
    {
        Assert.Equal(expected, Lwm2mCommonAncestor.Of(paths.Split(' ').Select(Lwm2mPath.Parse)).ToString());
    }

    [Fact]
    public void NoPaths_HaveTheRootInCommon()
    {
        Assert.Equal(Lwm2mPath.Root, Lwm2mCommonAncestor.Of([]));
    }
}
