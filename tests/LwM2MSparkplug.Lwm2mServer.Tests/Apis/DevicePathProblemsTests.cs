using LwM2MSparkplug.Lwm2mServer.Apis;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

public sealed class DevicePathProblemsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("3/0/0/0")]
    [InlineData("65534/65534")]
    [InlineData("3/0/discover")]
    [InlineData("3303/0/5700/observe")]
    [InlineData("composite")]
    [InlineData("observations")]
    public void WellFormedPath_HasNoProblem(string? path)
    {
        Assert.Null(DevicePathProblems.Describe(path));
    }

    [Theory]
    [InlineData("3/x/1", "'x' is not an LwM2M id: the object instance id (level 2 of /3/x/1)")]
    [InlineData("abc/0/9", "'abc' is not an LwM2M id: the object id (level 1 of /abc/0/9)")]
    [InlineData("3/0/0/bogus", "'bogus' is not an LwM2M id, nor an operation (discover, attributes, observe)")]
    [InlineData("3/-1", "'-1' is not an LwM2M id")]
    [InlineData("65536/0/0", "65536 is out of range: the object id (level 1 of /65536/0/0) must be from 0 to 65534")]
    [InlineData("3/0/99999999999", "99999999999 is out of range: the resource id")]
    [InlineData("3/0/0/0/0", "/3/0/0/0/0 has 5 levels; an LwM2M path has at most 4 levels")]
    [InlineData("3/0/0/0/0/observe", "/3/0/0/0/0 has 5 levels")]
    [InlineData("observations/3", "'observations' is not an LwM2M id: the object id")]
    public void MalformedPath_IsDescribed(string path, string expected)
    {
        Assert.StartsWith(expected, DevicePathProblems.Describe(path), StringComparison.Ordinal);
    }
}
