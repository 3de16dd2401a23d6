using LwM2MSparkplug.Protocols.Lwm2m.Cbor;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Cbor;

/// <summary>LwM2M CBOR (11544): the grammar of Core §7.5.4 as the binding note states it, case by case.</summary>
public sealed class Lwm2mCborCodecTests
{
    [Theory]
    [InlineData("a18303000061" + "78")]
    [InlineData("a103a100a1006178")]
    [InlineData("bf8203" + "00" + "bf006178ffff")]
    public void OneFullPathKey_AndNestedMaps_SayTheSame(string hex)
    {
        Assert.True(Lwm2mCborCodec.TryRead(Convert.FromHexString(hex), out var items, out var error), error);

        var item = Assert.Single(items);
        Assert.Equal(Lwm2mPath.Parse("/3/0/0"), item.Path);
        Assert.Equal("x", item.Value);
    }

    [Fact]
    public void MixedDepths_MultipleInstances_AndEveryValueKind_AreRead()
    {
        // {[3,0]: {0: "x", 9: 100, 6: {0: 1, 1: 5}, 4: null, 13: 21.5 as a half float, 17: h'01', 10: -3, 12: true}, [1,0,1]: 86400}
        var hex = "a2" + "8203" + "00" + "a8" + "006178" + "091864" + "06a200010105" + "04f6" + "0df94d60" + "114101" + "0a22" + "0cf5"
            + "83010001" + "1a00015180";

        Assert.True(Lwm2mCborCodec.TryRead(Convert.FromHexString(hex), out var items, out var error), error);

        Assert.Equal(
            [
                ("/3/0/0", (object?)"x"), ("/3/0/9", 100L), ("/3/0/6/0", 1L), ("/3/0/6/1", 5L), ("/3/0/4", null), ("/3/0/13", 21.5),
                ("/3/0/17", new byte[] { 1 }), ("/3/0/10", -3L), ("/3/0/12", true), ("/1/0/1", 86400L),
            ],
            items.Select(item => (item.Path.ToString(), item.Value)));
    }

    [Fact]
    public void Writing_PutsOneFullPathKeyPerValue_AndReadsBack()
    {
        Lwm2mCborItem[] items =
        [
            new(Lwm2mPath.Parse("/3/0/0"), "x"),
            new(Lwm2mPath.Parse("/3/0/6/1"), 5L),
            new(Lwm2mPath.Parse("/3303/0/5700"), 21.5),
        ];

        var bytes = Lwm2mCborCodec.Write(items);

        Assert.Equal("a3" + "830300006178" + "840300060105" + "8319" + "0ce7" + "00" + "19" + "1644" + "f94d60", Convert.ToHexStringLower(bytes));
        Assert.True(Lwm2mCborCodec.TryRead(bytes, out var read, out _));
        Assert.Equal(items, read);
    }

    [Theory]
    [InlineData("8100", "is a map")]
    [InlineData("a12001", "not an unsigned integer")]
    [InlineData("a1613301", "not an unsigned integer")]
    [InlineData("a183030019ffff01", "above 65534")]
    [InlineData("a185030006000001", "deeper than a resource instance")]
    [InlineData("a182030001", "an object or instance")]
    [InlineData("a28303000001" + "03a100a10002", "given twice")]
    [InlineData("a18303000001" + "00", "bytes follow")]
    [InlineData("a18303000080", "not a value")]
    [InlineData("a1830300", "well-formed")]
    public void WhatTheGrammarCannotMean_IsRefusedWithTheReason(string hex, string expected)
    {
        Assert.False(Lwm2mCborCodec.TryRead(Convert.FromHexString(hex), out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
