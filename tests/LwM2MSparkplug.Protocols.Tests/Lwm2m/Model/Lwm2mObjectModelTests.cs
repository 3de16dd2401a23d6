using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Model;

public sealed class Lwm2mObjectModelTests
{
    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)1)]
    [InlineData((ushort)3)]
    [InlineData((ushort)4)]
    [InlineData((ushort)5)]
    [InlineData((ushort)6)]
    [InlineData((ushort)3303)]
    public void TheRequiredObjects_AreDefined(ushort objectId)
    {
        Assert.True(Lwm2mObjectModel.TryGetObject(objectId, out var definition));
        Assert.NotEmpty(definition.Resources);
    }

    [Fact]
    public void Device_HasTheSpecificationsMandatoryResources()
    {
        Assert.True(Lwm2mObjectModel.TryGetResource(Lwm2mPath.Parse("/3/0/4"), out var reboot));
        Assert.True(reboot.IsExecutable && reboot.Mandatory);
        Assert.True(Lwm2mObjectModel.TryGetResource(Lwm2mPath.Parse("/3/0/9"), out var battery));
        Assert.Equal(Lwm2mResourceType.Integer, battery.Type);
        Assert.False(battery.IsWritable);
        Assert.True(Lwm2mObjectModel.TryGetResource(Lwm2mPath.Parse("/1/0/1"), out var lifetime));
        Assert.True(lifetime.IsWritable);
    }

    [Theory]
    [InlineData("/3/0/9", null)]
    [InlineData("/3/0/7/1", null)]
    [InlineData("/9999/5/5", null)]
    [InlineData("/3/0/999", "no resource 999")]
    [InlineData("/3/1", "single instance")]
    [InlineData("/3/0/9/0", "has no instances")]
    public void Validate_ChecksPathsAgainstKnownObjects(string path, string? problem)
    {
        var result = Lwm2mObjectModel.Validate(Lwm2mPath.Parse(path));

        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result, StringComparison.Ordinal);
        }
    }
}
