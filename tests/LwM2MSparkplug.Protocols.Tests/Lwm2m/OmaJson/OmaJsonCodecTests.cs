using System.Text;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.OmaJson;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Tests.Lwm2m.Nodes;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.OmaJson;

/// <summary>LwM2M 1.0 JSON (11543): base name plus entries, each value in the member its type takes, typed by the object model.</summary>
public sealed class OmaJsonCodecTests
{
    static readonly Lwm2mDeviceModel Model = EveryResourceType.Model;

    static bool TryRead(string? target, string json, out IReadOnlyList<Lwm2mResourceValue> values, out string error) =>
        OmaJsonCodec.TryRead(target is null ? null : Lwm2mPath.Parse(target), Encoding.UTF8.GetBytes(json), Model, out values, out error);

    [Fact]
    public void AnInstance_IsReadWithEachValueInTheMemberOfItsType()
    {
        const string json = """{"bn":"/1/0/","e":[{"n":"1","v":86400},{"n":"6","bv":true},{"n":"10","ov":"11:0"},{"n":"7","sv":"U"}]}""";

        Assert.True(TryRead("/1/0", json, out var values, out var error), error);

        EveryResourceType.AssertSame(
            [
                new(Lwm2mPath.Parse("/1/0/1"), Lwm2mResourceType.UnsignedInteger, 86400UL),
                new(Lwm2mPath.Parse("/1/0/6"), Lwm2mResourceType.Boolean, true),
                new(Lwm2mPath.Parse("/1/0/10"), Lwm2mResourceType.ObjectLink, "11:0"),
                new(Lwm2mPath.Parse("/1/0/7"), Lwm2mResourceType.String, "U"),
            ],
            values);
    }

    [Fact]
    public void Writing_NamesEachValueBelowTheInstanceTheyShare()
    {
        Lwm2mResourceValue[] values =
        [
            new(Lwm2mPath.Parse("/3/0/0"), Lwm2mResourceType.String, "Open"),
            new(Lwm2mPath.Parse("/3/0/9"), Lwm2mResourceType.Integer, 42L),
            new(Lwm2mPath.Parse("/3/0/6/0"), Lwm2mResourceType.Integer, 1L),
            new(Lwm2mPath.Parse("/3/0/13"), Lwm2mResourceType.Time, 1_700_000_000L) { SenmlTime = 1_700_000_000 },
        ];

        var json = Encoding.UTF8.GetString(OmaJsonCodec.Write(values));

        Assert.Equal("""{"bn":"/3/0/","e":[{"n":"0","sv":"Open"},{"n":"9","v":42},{"n":"6/0","v":1},{"n":"13","v":1700000000,"t":1700000000}]}""", json);
        Assert.True(TryRead("/3/0", json, out var read, out var error), error);
        EveryResourceType.AssertSame(values, read);
    }

    [Fact]
    public void ValuesOfSeveralObjects_AreNamedFromTheRoot()
    {
        Lwm2mResourceValue[] values = [EveryResourceType.ValueOf(Lwm2mResourceType.Integer), EveryResourceType.ValueOf(Lwm2mResourceType.Float)];

        Assert.Equal("""{"bn":"/","e":[{"n":"3/0/9","v":-1000000},{"n":"3303/0/5700","v":21.5}]}""", Encoding.UTF8.GetString(OmaJsonCodec.Write(values)));
    }

    [Theory]
    [MemberData(nameof(EveryResourceType.Types), MemberType = typeof(EveryResourceType))]
    public void EveryResourceType_RoundTrips(Lwm2mResourceType type)
    {
        var value = EveryResourceType.ValueOf(type);

        var bytes = OmaJsonCodec.Write([value]);

        Assert.True(OmaJsonCodec.TryRead(value.Path, bytes, Model, out var read, out var error), error);
        EveryResourceType.AssertSame([value], read);
    }

    [Fact]
    public void ANotificationsHistory_GivesEachValueItsBaseTimePlusTime()
    {
        const string json = """{"bn":"/3303/0/5700","bt":1700000000,"e":[{"v":21.5,"t":-5},{"v":22}]}""";

        Assert.True(TryRead("/3303/0/5700", json, out var values, out var error), error);

        Assert.Equal([(21.5, 1_699_999_995.0), (22.0, 1_700_000_000.0)], values.Select(value => ((double)value.Value, value.SenmlTime!.Value)));
    }

    [Theory]
    [InlineData("/3/0", """{"bn":"/3/0","e":[{"n":"9","v":42}]}""")] // no trailing slash on the base name
    [InlineData("/3/0", """{"e":[{"n":"9","v":42}]}""")] // no base name: the request's path is the base
    [InlineData("/3/0/9", """{"e":[{"v":42}]}""")]
    [InlineData(null, """{"bn":"/3/0/9","e":[{"v":42}]}""")] // the base name is the whole path
    [InlineData("/3/0", """{"bn":"/3/0/","e":[{"n":"9","v":42.0}]}""")] // a whole number with a fraction
    [InlineData("/3/0", """{"bn":"/3/0/","e":[{"n":"9","v":4.2e1}]}""")] // or an exponent
    [InlineData("/3/0", """{"bn":"/3/0/","ver":"1.0","e":[{"n":"9","v":42,"u":"%"}]}""")] // members it does not know
    public void WhatPeersAreKnownToSend_IsRead(string? target, string json)
    {
        Assert.True(TryRead(target, json, out var values, out var error), error);

        EveryResourceType.AssertSame([new(Lwm2mPath.Parse("/3/0/9"), Lwm2mResourceType.Integer, 42L)], values);
    }

    [Theory]
    [InlineData("AAEC/v8=")] // base64
    [InlineData("AAEC_v8")] // base64url, unpadded
    public void Opaque_IsBase64InSv(string text)
    {
        Assert.True(TryRead("/5/0/0", $$"""{"bn":"/5/0/","e":[{"n":"0","sv":"{{text}}"}]}""", out var values, out var error), error);

        Assert.Equal("000102FEFF", Convert.ToHexString((byte[])Assert.Single(values).Value));
    }

    [Fact]
    public void ResourcesOfAnUnknownObject_KeepTheTypeTheirMemberShows()
    {
        const string json = """{"bn":"/65000/0/","e":[{"n":"0","v":1},{"n":"1","v":1.5},{"n":"2","v":18446744073709551615},{"n":"3","sv":"x"},{"n":"4","bv":false},{"n":"5","ov":"3:0"}]}""";

        Assert.True(TryRead(null, json, out var values, out var error), error);

        Assert.Equal(
            [Lwm2mResourceType.Integer, Lwm2mResourceType.Float, Lwm2mResourceType.UnsignedInteger, Lwm2mResourceType.String, Lwm2mResourceType.Boolean, Lwm2mResourceType.ObjectLink],
            values.Select(value => value.Type));
    }

    [Theory]
    [InlineData("{", "not JSON")]
    [InlineData("""{"e":[]} x""", "not JSON")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"9","v":1,"v":2}]}""", "not JSON")] // the same member twice
    [InlineData("""[{"n":"/3/0/9","v":1}]""", "is a JSON object")]
    [InlineData("""{"bn":"/3/0/"}""", "no \"e\" array")]
    [InlineData("""{"bn":"/3/0/","e":{"n":"9","v":1}}""", "no \"e\" array")]
    [InlineData("""{"bn":3,"e":[]}""", "\"bn\" is not a string")]
    [InlineData("""{"bt":"now","e":[]}""", "\"bt\" is not a number")]
    [InlineData("""{"bn":"/3/0/","e":[7]}""", "entry 0: not a JSON object")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":9,"v":1}]}""", "entry 0: \"n\" is not a string")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"9","v":1,"t":"x"}]}""", "entry 0: \"t\" is not a number")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"9","v":1},{"n":"x","v":1}]}""", "entry 1: '/3/0/x' is not a resource or resource-instance path")]
    [InlineData("""{"bn":"/3/0/","e":[{"v":1}]}""", "'/3/0/' is not a resource")]
    [InlineData("""{"bn":"/1/0/","e":[{"n":"1","v":1}]}""", "/1/0/1 lies outside the request's /3/0")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"99","v":1}]}""", "has no resource 99")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"9"}]}""", "/3/0/9 has no value (v, sv, bv or ov)")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"9","v":1,"sv":"1"}]}""", "/3/0/9 has more than one value (v, sv)")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"9","v":"42"}]}""", "/3/0/9 (Battery Level) needs a whole number in \"v\"; got \"v\": \"42\"")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"9","v":9.5}]}""", "needs a whole number")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"9","sv":"42"}]}""", "needs a whole number in \"v\"; got \"sv\"")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"0","v":1}]}""", "needs a string in \"sv\"")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"13","v":1.5}]}""", "needs whole seconds")]
    [InlineData("""{"bn":"/3/0/","e":[{"n":"4","v":1}]}""", "needs no value (it is executable)")]
    public void WhatCannotMeanAnything_IsRefusedWithTheReason(string json, string expected)
    {
        Assert.False(TryRead("/3/0", json, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/1/0/1", """{"bn":"/1/0/","e":[{"n":"1","v":-1}]}""", "needs a whole number of 0 or more")]
    [InlineData("/1/0/6", """{"bn":"/1/0/","e":[{"n":"6","v":1}]}""", "needs a boolean in \"bv\"")]
    [InlineData("/1/0/10", """{"bn":"/1/0/","e":[{"n":"10","ov":"11"}]}""", "needs an object link")]
    [InlineData("/1/0/10", """{"bn":"/1/0/","e":[{"n":"10","sv":"11:0"}]}""", "needs an object link")]
    [InlineData("/5/0/0", """{"bn":"/5/0/","e":[{"n":"0","sv":"***"}]}""", "needs base64 text")]
    [InlineData("/3303/0/5700", """{"bn":"/3303/0/","e":[{"n":"5700","v":1e999}]}""", "needs a finite number")]
    [InlineData("/65000/0/1", """{"bn":"/65000/0/","e":[{"n":"1","ov":"x"}]}""", "is no LwM2M value")]
    public void AValueThatDoesNotFitItsResource_IsRefusedNamingIt(string target, string json, string expected)
    {
        Assert.False(TryRead(target, json, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomAndTruncatedInput_IsRefusedOrRead_NeverThrown()
    {
        var random = new Random(11543);
        var valid = OmaJsonCodec.Write([.. EveryResourceType.Types.Select(type => EveryResourceType.ValueOf((Lwm2mResourceType)type.Data))]);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = i < valid.Length ? valid[..i] : Mutate(valid, random);
            var accepted = OmaJsonCodec.TryRead(null, bytes, Model, out _, out var error);
            Assert.True(accepted || error.Length > 0);
        }
    }

    /// <summary>The valid bytes with a few replaced by random JSON punctuation or digits, so the parser gets deep before failing.</summary>
    static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        const string alphabet = "{}[]\":,0123456789.e-tfnuvsbo/ ";
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            bytes[random.Next(bytes.Length)] = (byte)alphabet[random.Next(alphabet.Length)];
        }
        return bytes;
    }
}
