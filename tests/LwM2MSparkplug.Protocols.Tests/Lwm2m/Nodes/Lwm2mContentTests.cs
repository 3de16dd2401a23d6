using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Nodes;

/// <summary>Plain CBOR, TLV and LwM2M 1.0 JSON through the one entry point the services use.</summary>
public sealed class Lwm2mContentTests
{
    static readonly Lwm2mDeviceModel Model = EveryResourceType.Model;

    static readonly Lwm2mContentFormat[] Formats = [Lwm2mContentFormat.Cbor, Lwm2mContentFormat.Tlv, Lwm2mContentFormat.OmaJson];

    public static TheoryData<Lwm2mContentFormat, Lwm2mResourceType> EveryFormatAndType =>
        [.. Formats.SelectMany(format => EveryResourceType.Types.Select(type => (format, (Lwm2mResourceType)type.Data)))];

    [Theory]
    [MemberData(nameof(EveryFormatAndType))]
    public void OneValueOfEveryType_RoundTripsInEveryFormat(Lwm2mContentFormat format, Lwm2mResourceType type)
    {
        var value = EveryResourceType.ValueOf(type);

        var bytes = Lwm2mContent.Encode([value], format);

        Assert.True(Lwm2mContent.TryDecode(value.Path, format, bytes, Model, out var values, out var error), error);
        EveryResourceType.AssertSame([value], values);
    }

    [Theory]
    [InlineData(Lwm2mContentFormat.Tlv, "/3")]
    [InlineData(Lwm2mContentFormat.Tlv, "/3/0")]
    [InlineData(Lwm2mContentFormat.OmaJson, "/3/0")]
    [InlineData(Lwm2mContentFormat.OmaJson, null)]
    public void AnInstance_RoundTripsInTheFormatsThatCarryMany(Lwm2mContentFormat format, string? target)
    {
        Lwm2mResourceValue[] instance =
        [
            new(Lwm2mPath.Parse("/3/0/0"), Lwm2mResourceType.String, "Open"),
            new(Lwm2mPath.Parse("/3/0/6/0"), Lwm2mResourceType.Integer, 1L),
            new(Lwm2mPath.Parse("/3/0/6/1"), Lwm2mResourceType.Integer, 5L),
            new(Lwm2mPath.Parse("/3/0/13"), Lwm2mResourceType.Time, 1_700_000_000L),
        ];

        var bytes = Lwm2mContent.Encode(instance, format);

        Assert.True(Lwm2mContent.TryDecode(target is null ? null : Lwm2mPath.Parse(target), format, bytes, Model, out var values, out var error), error);
        EveryResourceType.AssertSame(instance, values);
    }

    [Fact]
    public void InTheJsonContract_TlvIsBase64_AndOmaJsonAnObject()
    {
        var value = EveryResourceType.ValueOf(Lwm2mResourceType.Integer);
        using var tlv = JsonDocument.Parse("\"" + Convert.ToBase64String(Lwm2mContent.Encode([value], Lwm2mContentFormat.Tlv)) + "\"");
        using var omaJson = JsonDocument.Parse(Lwm2mContent.Encode([value], Lwm2mContentFormat.OmaJson));

        Assert.True(Lwm2mContent.TryReadValues(value.Path, Lwm2mContentFormat.Tlv, tlv.RootElement, Model, out var fromTlv, out var error), error);
        Assert.True(Lwm2mContent.TryReadValues(value.Path, Lwm2mContentFormat.OmaJson, omaJson.RootElement, Model, out var fromJson, out error), error);

        EveryResourceType.AssertSame([value], fromTlv);
        EveryResourceType.AssertSame([value], fromJson);
    }

    [Fact]
    public void PlainCbor_CarriesExactlyOneValue()
    {
        Lwm2mResourceValue[] two = [EveryResourceType.ValueOf(Lwm2mResourceType.String), EveryResourceType.ValueOf(Lwm2mResourceType.Integer)];

        Assert.Throws<ArgumentException>(() => Lwm2mContent.Encode(two, Lwm2mContentFormat.Cbor));
        Assert.Throws<ArgumentException>(() => Lwm2mContent.Encode([], Lwm2mContentFormat.Cbor));
    }

    [Fact]
    public void Tlv_CarriesValuesOfOneObjectOnly()
    {
        Lwm2mResourceValue[] twoObjects = [EveryResourceType.ValueOf(Lwm2mResourceType.Integer), EveryResourceType.ValueOf(Lwm2mResourceType.Float)];

        Assert.Throws<ArgumentException>(() => Lwm2mContent.Encode(twoObjects, Lwm2mContentFormat.Tlv));
    }

    [Fact]
    public void RandomInput_InEveryNewFormat_IsRefusedOrRead_NeverThrown()
    {
        var random = new Random(7);
        var targets = new Lwm2mPath?[] { null, Lwm2mPath.Parse("/3"), Lwm2mPath.Parse("/3/0"), Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3/0/6/1") };
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 16)];
            random.NextBytes(bytes);
            var accepted = Lwm2mContent.TryDecode(targets[i % targets.Length], Formats[i % Formats.Length], bytes, Model, out _, out var error);
            Assert.True(accepted || error.Length > 0);
        }
    }
}
