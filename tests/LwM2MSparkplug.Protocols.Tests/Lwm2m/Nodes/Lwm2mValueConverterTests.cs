using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Cbor;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Senml;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Nodes;

public sealed class Lwm2mValueConverterTests
{
    // The newest version of each built-in object, as a device that registered them would have.
    static readonly Lwm2mDeviceModel Model = Lwm2mObjectModel.BuiltIn.Newest();

    [Fact]
    public void LwM2mCbor_IsTypedByTheObjectModel_WhateverWidthOrKindCarriedTheNumber()
    {
        Lwm2mCborItem[] items =
        [
            new(Lwm2mPath.Parse("/3/0/9"), 87.0),
            new(Lwm2mPath.Parse("/3/0/0"), "ACME"),
            new(Lwm2mPath.Parse("/3/0/13"), 1_700_000_000L),
            new(Lwm2mPath.Parse("/3303/0/5700"), 22L),
            new(Lwm2mPath.Parse("/1/0/6"), true),
            new(Lwm2mPath.Parse("/65000/0/1"), "unknown object"),
        ];

        Assert.True(Lwm2mValueConverter.TryFromCbor(items, Model, out var values, out var error), error);

        Assert.Equal(
            [(Lwm2mResourceType.Integer, (object)87L), (Lwm2mResourceType.String, "ACME"), (Lwm2mResourceType.Time, 1_700_000_000L),
             (Lwm2mResourceType.Float, 22.0), (Lwm2mResourceType.Boolean, true), (Lwm2mResourceType.String, "unknown object")],
            values.Select(value => (value.Type, value.Value)));
    }

    [Theory]
    [InlineData("/3/0/9", "ten", "needs an integer")]
    [InlineData("/3/0/9", 9.5, "needs an integer")]
    [InlineData("/3/0/0", null, "needs a string")]
    [InlineData("/65000/0/1", null, "executable resource only")]
    public void LwM2mCbor_AValueThatDoesNotFitItsResource_IsRefusedNamingIt(string path, object? value, string expected)
    {
        Assert.False(Lwm2mValueConverter.TryFromCbor([new Lwm2mCborItem(Lwm2mPath.Parse(path), value)], Model, out _, out var error));

        Assert.StartsWith(path, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void LwM2mCbor_RoundTrips_ThroughTheCodec()
    {
        Lwm2mResourceValue[] values =
        [
            new(Lwm2mPath.Parse("/3/0/0"), Lwm2mResourceType.String, "ACME"),
            new(Lwm2mPath.Parse("/3/0/9"), Lwm2mResourceType.Integer, 87L),
            new(Lwm2mPath.Parse("/3303/0/5700"), Lwm2mResourceType.Float, 21.5),
        ];

        var bytes = Lwm2mCborCodec.Write(Lwm2mValueConverter.ToCbor(values));

        Assert.True(Lwm2mCborCodec.TryRead(bytes, out var items, out _));
        Assert.True(Lwm2mValueConverter.TryFromCbor(items, Model, out var read, out var error), error);
        Assert.Equal(values, read);
    }

    [Fact]
    public void Senml_IsTypedByTheObjectModel()
    {
        SenmlRecord[] records =
        [
            new() { BaseName = "/3/0/", Name = "9", Value = 87 },
            new() { Name = "0", StringValue = "ACME" },
            new() { Name = "13", Value = 1_700_000_000 },
            new() { BaseName = "/3303/0/", Name = "5700", Value = 21.5 },
            new() { BaseName = "/1/0/", Name = "6", BooleanValue = true },
        ];

        Assert.True(Lwm2mValueConverter.TryFromSenml(records, Model, out var values, out _));

        Assert.Equal(
            [Lwm2mResourceType.Integer, Lwm2mResourceType.String, Lwm2mResourceType.Time, Lwm2mResourceType.Float, Lwm2mResourceType.Boolean],
            values.Select(v => v.Type));
        Assert.Equal(87L, values[0].Value);
        Assert.Equal(21.5, values[3].Value);
    }

    [Theory]
    [InlineData("/3/0/9", "vs", "an integer")]
    [InlineData("/3/0/0", "v", "a string")]
    [InlineData("/3/0/99", "v", "no resource 99")]
    [InlineData("/3/1/9", "v", "single instance")]
    [InlineData("/3/0", "v", "not a resource")]
    public void Senml_WithTheWrongTypeOrPath_IsRejectedByName(string path, string field, string expected)
    {
        var record = field == "v" ? new SenmlRecord { Name = path, Value = 1.5 } : new SenmlRecord { Name = path, StringValue = "x" };

        Assert.False(Lwm2mValueConverter.TryFromSenml([record], Model, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownObjects_PassThroughWithTheTypeTheirEncodingShows()
    {
        Assert.True(Lwm2mValueConverter.TryFromSenml([new SenmlRecord { Name = "/9999/0/1", Value = 3 }, new SenmlRecord { Name = "/9999/0/2", Value = 0.5 }], Model, out var values, out _));

        Assert.Equal([Lwm2mResourceType.Integer, Lwm2mResourceType.Float], values.Select(v => v.Type));
    }

    [Fact]
    public void ToSenml_ThenBack_GivesTheSameValues_WithOneBaseNamePerInstance()
    {
        Lwm2mResourceValue[] values =
        [
            new(Lwm2mPath.Parse("/3/0/9"), Lwm2mResourceType.Integer, 87L),
            new(Lwm2mPath.Parse("/3/0/7/1"), Lwm2mResourceType.Integer, 5000L),
            new(Lwm2mPath.Parse("/3303/0/5700"), Lwm2mResourceType.Float, 21.5),
        ];

        var records = Lwm2mValueConverter.ToSenml(values);

        Assert.Equal(["/3/0/", "/3/0/7/", "/3303/0/"], records.Where(r => r.BaseName is not null).Select(r => r.BaseName));
        Assert.True(Lwm2mValueConverter.TryFromSenml(records, Model, out var again, out _));
        Assert.Equal(values, again);
    }

    [Fact]
    public void Json_ForAKnownResource_MustMatchItsType()
    {
        using var number = JsonDocument.Parse("120");
        using var text = JsonDocument.Parse("\"soon\"");

        Assert.True(Lwm2mValueConverter.TryFromJson(Lwm2mPath.Parse("/1/0/1"), number.RootElement, Model, out var lifetime, out _));
        Assert.Equal(120UL, lifetime.Value);
        Assert.False(Lwm2mValueConverter.TryFromJson(Lwm2mPath.Parse("/1/0/1"), text.RootElement, Model, out _, out var error));
        Assert.Contains("Lifetime", error, StringComparison.Ordinal);
    }

    // JSON numbers have no range; a double does, and one beyond it is an error, not an exception or infinity.
    [Theory]
    [InlineData("/3303/0/5700")]
    [InlineData("/30000/0/1")]
    public void Json_NumberBeyondTheRangeOfADouble_IsRejected(string path)
    {
        using var huge = JsonDocument.Parse("1e400");

        Assert.False(Lwm2mValueConverter.TryFromJson(Lwm2mPath.Parse(path), huge.RootElement, Model, out _, out var error));
        Assert.Contains(path, error, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonInstance_ReadsResourcesAndResourceInstances()
    {
        using var json = JsonDocument.Parse("""{"5750":"freezer","5701":"Cel"}""");

        Assert.True(Lwm2mValueConverter.TryFromJsonInstance(Lwm2mPath.Parse("/3303/2"), json.RootElement, Model, out var values, out _));
        Assert.Equal(["/3303/2/5750", "/3303/2/5701"], values.Select(v => v.Path.ToString()));
    }

    [Theory]
    [InlineData(Lwm2mContentFormat.Text, "\"87\"")]
    [InlineData(Lwm2mContentFormat.SenmlJson, """[{"bn":"/3/0/","n":"9","v":87}]""")]
    public void Content_RoundTripsThroughEachFormat(Lwm2mContentFormat format, string payload)
    {
        Lwm2mResourceValue[] values = [new(Lwm2mPath.Parse("/3/0/9"), Lwm2mResourceType.Integer, 87L)];

        var encoded = Lwm2mContent.ToPayload(values, format);

        Assert.Equal(payload, encoded.GetRawText());
        Assert.True(Lwm2mContent.TryReadValues(Lwm2mPath.Parse("/3/0/9"), format, encoded, Model, out var decoded, out _));
        Assert.Equal(values, decoded);
    }

    [Theory]
    [InlineData(Lwm2mResourceType.Boolean, "1", true)]
    [InlineData(Lwm2mResourceType.Boolean, "true", null)]
    [InlineData(Lwm2mResourceType.Integer, "-5", -5L)]
    [InlineData(Lwm2mResourceType.Integer, "5.5", null)]
    public void TextFormat_FollowsTheCoreSpecification(Lwm2mResourceType type, string text, object? expected)
    {
        Assert.Equal(expected, Lwm2mValueConverter.FromText(type, text));
    }
}
