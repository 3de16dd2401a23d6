using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Nodes;

/// <summary>One resource of each LwM2M data type in the built-in objects (plus a vendor object for Corelnk), and a value for it.</summary>
public static class EveryResourceType
{
    // No built-in object has a Corelnk resource; a vendor object supplies one.
    static readonly Lwm2mObjectDefinition Vendor = new(32768, "Vendor", "1.0", true, false,
        [new Lwm2mResourceDefinition(0, "Links", Lwm2mOperations.Read, false, false, Lwm2mResourceType.CoreLink)]);

    /// <summary>The newest built-in objects and the vendor object, as a device that registered them all would have.</summary>
    public static readonly Lwm2mDeviceModel Model = Lwm2mObjectModel.BuiltIn.With([Vendor]).Newest();

    public static TheoryData<Lwm2mResourceType> Types =>
        [.. Enum.GetValues<Lwm2mResourceType>().Where(type => type != Lwm2mResourceType.None)];

    public static Lwm2mResourceValue ValueOf(Lwm2mResourceType type) => type switch
    {
        Lwm2mResourceType.String => new(Lwm2mPath.Parse("/3/0/0"), type, "Open Mobile Alliance"),
        Lwm2mResourceType.Integer => new(Lwm2mPath.Parse("/3/0/9"), type, -1_000_000L),
        Lwm2mResourceType.UnsignedInteger => new(Lwm2mPath.Parse("/1/0/1"), type, ulong.MaxValue),
        Lwm2mResourceType.Float => new(Lwm2mPath.Parse("/3303/0/5700"), type, 21.5),
        Lwm2mResourceType.Boolean => new(Lwm2mPath.Parse("/1/0/6"), type, true),
        Lwm2mResourceType.Opaque => new(Lwm2mPath.Parse("/5/0/0"), type, new byte[] { 0, 1, 2, 0xfe, 0xff }),
        Lwm2mResourceType.Time => new(Lwm2mPath.Parse("/3/0/13"), type, 1_700_000_000L),
        Lwm2mResourceType.ObjectLink => new(Lwm2mPath.Parse("/1/0/10"), type, "11:0"),
        Lwm2mResourceType.CoreLink => new(Lwm2mPath.Parse("/32768/0/0"), type, "</3/0>,</1/0>"),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Asserts equal paths, types and values (bytes compared by content, which the record's equality does not).</summary>
    public static void AssertSame(IEnumerable<Lwm2mResourceValue> expected, IEnumerable<Lwm2mResourceValue> actual) =>
        Assert.Equal(expected.Select(Comparable), actual.Select(Comparable));

    static (string, Lwm2mResourceType, object, double?) Comparable(Lwm2mResourceValue value) =>
        (value.Path.ToString(), value.Type, value.Value is byte[] bytes ? Convert.ToHexString(bytes) : value.Value, value.SenmlTime);
}
