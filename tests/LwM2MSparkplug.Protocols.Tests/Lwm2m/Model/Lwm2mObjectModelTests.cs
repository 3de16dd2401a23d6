using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Model;

public sealed class Lwm2mObjectModelTests
{
    static readonly Lwm2mDeviceModel Newest = Lwm2mObjectModel.BuiltIn.Newest();

    [Theory]
    [InlineData((ushort)0, "1.2")]
    [InlineData((ushort)1, "1.2")]
    [InlineData((ushort)2, "1.1")]
    [InlineData((ushort)3, "1.2")]
    [InlineData((ushort)4, "1.3")]
    [InlineData((ushort)5, "1.2")]
    [InlineData((ushort)6, "1.0")]
    [InlineData((ushort)7, "1.0")]
    [InlineData((ushort)3303, "1.0")]
    [InlineData((ushort)3303, "1.1")]
    [InlineData((ushort)3304, "1.1")]
    [InlineData((ushort)3316, "1.0")]
    [InlineData((ushort)3320, "1.0")]
    public void TheRequiredObjects_AreDefined(ushort objectId, string version)
    {
        Assert.True(Lwm2mObjectModel.BuiltIn.TryGetObject(objectId, version, out var definition));
        Assert.Equal(version, definition.Version);
        Assert.NotEmpty(definition.Resources);
    }

    [Fact]
    public void Security_HasEveryResourceOfVersion12_NoneReachableByOperations()
    {
        Assert.True(Lwm2mObjectModel.BuiltIn.TryGetObject(0, "1.2", out var security));

        Assert.Equal(Enumerable.Range(0, 31).Select(id => (ushort)id), security.Resources.Keys.Order());
        Assert.All(security.Resources.Values, resource => Assert.Equal(Lwm2mOperations.None, resource.Operations));
        Assert.True(security.Resources[16].Multiple);
        Assert.Equal(Lwm2mResourceType.ObjectLink, security.Resources[26].Type);
    }

    [Fact]
    public void Device_HasTheSpecificationsMandatoryResources()
    {
        Assert.True(Newest.TryGetResource(Lwm2mPath.Parse("/3/0/4"), out var reboot));
        Assert.True(reboot.IsExecutable && reboot.Mandatory);
        Assert.True(Newest.TryGetResource(Lwm2mPath.Parse("/3/0/9"), out var battery));
        Assert.Equal(Lwm2mResourceType.Integer, battery.Type);
        Assert.False(battery.IsWritable);
        Assert.True(Newest.TryGetResource(Lwm2mPath.Parse("/1/0/1"), out var lifetime));
        Assert.True(lifetime.IsWritable);
        Assert.Equal(Lwm2mResourceType.UnsignedInteger, lifetime.Type);
        Assert.Equal("s", lifetime.Units);
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
        var result = Newest.Validate(Lwm2mPath.Parse(path));

        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result, StringComparison.Ordinal);
        }
    }

    // The defect "Valid OMA paths are rejected": Server 1.2 resources 10-21 and 24-27, Temperature 1.1's 6042, 6049, 6050.
    [Theory]
    [InlineData("/1/0/10")]
    [InlineData("/1/0/13")]
    [InlineData("/1/0/17")]
    [InlineData("/1/0/21")]
    [InlineData("/1/0/24/0")]
    [InlineData("/1/0/25/1")]
    [InlineData("/1/0/26")]
    [InlineData("/1/0/27")]
    [InlineData("/3303/0/6042")]
    [InlineData("/3303/0/6049")]
    [InlineData("/3303/0/6050")]
    public void Validate_AcceptsTheRegistrysResources_OfTheRegisteredVersion(string path)
    {
        var device = Lwm2mObjectModel.BuiltIn.ForVersions(new Dictionary<ushort, string> { [1] = "1.2", [3303] = "1.1" });

        Assert.Null(device.Validate(Lwm2mPath.Parse(path)));
    }

    [Fact]
    public void AnObjectWithoutVer_IsVersion1_0()
    {
        var device = Lwm2mObjectModel.BuiltIn.ForVersions(new Dictionary<ushort, string>());

        Assert.True(device.TryGetObject(3303, out var temperature));
        Assert.Equal("1.0", temperature.Version);
        Assert.Contains("no resource 6050", device.Validate(Lwm2mPath.Parse("/3303/0/6050")), StringComparison.Ordinal);
        Assert.Null(device.Validate(Lwm2mPath.Parse("/3303/0/5700")));
    }

    [Fact]
    public void AVersionTheModelDoesNotKnow_IsUnknown_AndPassesUntyped()
    {
        var device = Lwm2mObjectModel.BuiltIn.ForVersions(new Dictionary<ushort, string> { [3303] = "9.9" });

        Assert.False(device.TryGetObject(3303, out _));
        Assert.Null(device.Validate(Lwm2mPath.Parse("/3303/0/12345")));
    }

    [Fact]
    public void With_ReplacesTheDefinitionOfTheSameIdAndVersion_AndKeepsTheOthers()
    {
        var vendor = new Lwm2mObjectDefinition(3303, "Vendor Temperature", "1.1", true, false,
            [new Lwm2mResourceDefinition(5700, "Sensor Value", Lwm2mOperations.Read, false, true, Lwm2mResourceType.Float)]);

        var model = Lwm2mObjectModel.BuiltIn.With([vendor]);

        Assert.True(model.TryGetObject(3303, "1.1", out var replaced));
        Assert.Equal("Vendor Temperature", replaced.Name);
        Assert.True(model.TryGetObject(3303, "1.0", out var kept));
        Assert.Equal("Temperature", kept.Name);
    }
}
