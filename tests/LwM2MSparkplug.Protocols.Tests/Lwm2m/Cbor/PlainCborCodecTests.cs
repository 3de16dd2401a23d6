using LwM2MSparkplug.Protocols.Lwm2m.Cbor;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Tests.Lwm2m.Nodes;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Cbor;

/// <summary>Plain CBOR (60): one resource value as one CBOR item, typed by the resource the request named.</summary>
public sealed class PlainCborCodecTests
{
    static readonly Lwm2mDeviceModel Model = EveryResourceType.Model;

    [Theory]
    [MemberData(nameof(EveryResourceType.Types), MemberType = typeof(EveryResourceType))]
    public void EveryResourceType_RoundTrips(Lwm2mResourceType type)
    {
        var value = EveryResourceType.ValueOf(type);

        var bytes = PlainCborCodec.Write(value);

        Assert.True(PlainCborCodec.TryRead(value.Path, bytes, Model, out var read, out var error), error);
        EveryResourceType.AssertSame([value], read);
    }

    [Theory]
    [InlineData("182a")] // unsigned, 1-byte argument
    [InlineData("19002a")] // 2-byte argument
    [InlineData("1a0000002a")] // 4-byte argument
    [InlineData("1b000000000000002a")] // 8-byte argument
    [InlineData("f95140")] // half float 42.0
    [InlineData("fa42280000")] // single float 42.0
    [InlineData("fb4045000000000000")] // double float 42.0
    public void AnIntegerResource_IsReadFromEveryIntegerAndFloatWidth(string hex)
    {
        Assert.True(PlainCborCodec.TryRead(Lwm2mPath.Parse("/3/0/9"), Convert.FromHexString(hex), Model, out var values, out var error), error);

        Assert.Equal(42L, Assert.Single(values).Value);
    }

    [Theory]
    [InlineData("f94d60")] // half 21.5
    [InlineData("fa41ac0000")] // single 21.5
    [InlineData("fb4035800000000000")] // double 21.5
    public void AFloatResource_IsReadFromEveryFloatWidth(string hex)
    {
        Assert.True(PlainCborCodec.TryRead(Lwm2mPath.Parse("/3303/0/5700"), Convert.FromHexString(hex), Model, out var values, out var error), error);

        Assert.Equal(21.5, Assert.Single(values).Value);
    }

    [Theory]
    [InlineData("1a6553f100")] // seconds
    [InlineData("c11a6553f100")] // tag 1 (epoch) over the seconds
    [InlineData("c074323032332d31312d31345432323a31333a32305a")] // tag 0 "2023-11-14T22:13:20Z"
    public void ATime_IsReadAsSecondsTaggedOrNot(string hex)
    {
        Assert.True(PlainCborCodec.TryRead(Lwm2mPath.Parse("/3/0/13"), Convert.FromHexString(hex), Model, out var values, out var error), error);

        Assert.Equal((Lwm2mResourceType.Time, (object)1_700_000_000L), (values[0].Type, values[0].Value));
    }

    [Fact]
    public void AnObjectLinkEndingInNul_LosesTheNul()
    {
        // "11:0\0", as Zephyr writes it
        Assert.True(PlainCborCodec.TryRead(Lwm2mPath.Parse("/1/0/10"), Convert.FromHexString("6531313a3000"), Model, out var values, out var error), error);

        Assert.Equal("11:0", Assert.Single(values).Value);
    }

    [Fact]
    public void AResourceOfAnUnknownObject_KeepsTheTypeItsItemShows()
    {
        Assert.True(PlainCborCodec.TryRead(Lwm2mPath.Parse("/65000/0/1/2"), Convert.FromHexString("f5"), Model, out var values, out var error), error);

        Assert.Equal((Lwm2mResourceType.Boolean, (object)true), (values[0].Type, values[0].Value));
    }

    [Theory]
    [InlineData(null, "182a", "needs a resource path")]
    [InlineData("/3/0", "182a", "needs a resource path")]
    [InlineData("/3/0/9", "182a00", "1 bytes follow")]
    [InlineData("/3/0/9", "19", "not well-formed")]
    [InlineData("/3/0/9", "", "not well-formed")]
    [InlineData("/3/0/9", "80", "not a value")]
    [InlineData("/3/0/9", "6374656e", "needs an integer")]
    [InlineData("/3/0/9", "f93e00", "needs an integer")]
    [InlineData("/1/0/1", "20", "needs an unsigned integer")]
    [InlineData("/3/0/99", "01", "has no resource 99")]
    [InlineData("/65000/0/1", "f6", "executable resource only")]
    public void WhatCannotBeTheResourcesValue_IsRefusedWithTheReason(string? target, string hex, string expected)
    {
        var path = target is null ? (Lwm2mPath?)null : Lwm2mPath.Parse(target);

        Assert.False(PlainCborCodec.TryRead(path, Convert.FromHexString(hex), Model, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomAndTruncatedInput_IsRefusedOrRead_NeverThrown()
    {
        var random = new Random(60);
        var valid = PlainCborCodec.Write(EveryResourceType.ValueOf(Lwm2mResourceType.String));
        for (var i = 0; i < 2000; i++)
        {
            var bytes = i < valid.Length ? valid[..i] : RandomBytes(random);
            var accepted = PlainCborCodec.TryRead(Lwm2mPath.Parse("/3/0/0"), bytes, Model, out _, out var error);
            Assert.True(accepted || error.Length > 0);
        }
    }

    static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 12)];
        random.NextBytes(bytes);
        return bytes;
    }
}
