using LwM2MSparkplug.Protocols.Senml;

namespace LwM2MSparkplug.Protocols.Tests.Senml;

/// <summary>SenML CBOR (content format 112) against the payloads of the OMA MQTT binding's worked examples.</summary>
public sealed class SenmlCborCodecTests
{
    public static TheoryData<string, string, SenmlRecord[]> Vectors => new()
    {
        {
            "read /3303/0",
            "82a321682f333330332f302f00643537303002f94d60a2006435373031036343656c",
            [new SenmlRecord { BaseName = "/3303/0/", Name = "5700", Value = 21.5 }, new SenmlRecord { Name = "5701", StringValue = "Cel" }]
        },
        { "notify", "81a2216c2f333330332f302f3537303002f94d60", [new SenmlRecord { BaseName = "/3303/0/5700", Value = 21.5 }] },
        {
            "send with a base time",
            "82a421682f333330332f302f221a6553f10000643537303002f94da0a2006435373031036343656c",
            [new SenmlRecord { BaseName = "/3303/0/", BaseTime = 1700000000, Name = "5700", Value = 22.5 }, new SenmlRecord { Name = "5701", StringValue = "Cel" }]
        },
        {
            "spec: integers",
            "82a321652f332f302f006139020fa2006232300204",
            [new SenmlRecord { BaseName = "/3/0/", Name = "9", Value = 15 }, new SenmlRecord { Name = "20", Value = 4 }]
        },
        {
            "every value type",
            "85" + "a200613104f5" + "a200613204f4" + "a2006133084401020304" + "a200613463766c6f63313a32" + "a20061350220",
            [
                new SenmlRecord { Name = "1", BooleanValue = true },
                new SenmlRecord { Name = "2", BooleanValue = false },
                new SenmlRecord { Name = "3", DataValue = "AQIDBA" },
                new SenmlRecord { Name = "4", ObjectLinkValue = "1:2" },
                new SenmlRecord { Name = "5", Value = -1 },
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EachVector_IsReadAndWrittenByteForByte(string name, string hex, SenmlRecord[] expected)
    {
        Assert.True(SenmlCborCodec.TryRead(Convert.FromHexString(hex), out var records, out var error), $"{name}: {error}");
        Assert.Equal(expected, records);
        Assert.Equal(hex, Convert.ToHexStringLower(SenmlCborCodec.Write(records)));
    }

    [Fact]
    public void AnIntegralValue_IsReadFromAFloat_AndWrittenAsAnInteger()
    {
        // The binding's Notify example sends 22.0 as a half float; v is any number, and a receiver reads it as the
        // resource's type, so the writer's choice of the shorter integer is as valid.
        Assert.True(SenmlCborCodec.TryRead(Convert.FromHexString("81a2216c2f333330332f302f3537303002f94d80"), out var records, out _));
        Assert.Equal(22.0, Assert.Single(records).Value);

        Assert.Equal("81a2216c2f333330332f302f353730300216", Convert.ToHexStringLower(SenmlCborCodec.Write(records)));
    }

    [Fact]
    public void OpaqueValues_AreBase64UrlInTheModel_AsInSenmlJson()
    {
        var records = new[] { new SenmlRecord { Name = "/3/0/17", DataValue = "AQIDBA" } };

        var bytes = SenmlCborCodec.Write(records);

        Assert.Equal("81a200672f332f302f3137084401020304", Convert.ToHexStringLower(bytes));
        Assert.True(SenmlCborCodec.TryRead(bytes, out var read, out _));
        Assert.Equal("AQIDBA", Assert.Single(read).DataValue);
    }

    [Fact]
    public void AnyFloatWidth_IndefiniteLengths_AndADecimalFractionBaseTime_AreRead()
    {
        // [_ {-2: "/3303/0/5700", -3: 4(["0", 1700000000]) , 2: 21.5 as a double}]
        var bytes = Convert.FromHexString("9fa3216c2f333330332f302f3537303022c482001a6553f10002fb4035800000000000ff");

        Assert.True(SenmlCborCodec.TryRead(bytes, out var records, out var error), error);
        var record = Assert.Single(records);
        Assert.Equal(1700000000, record.BaseTime);
        Assert.Equal(21.5, record.Value);
    }

    [Theory]
    [InlineData("a10061", "an array")]
    [InlineData("8101", "not a map")]
    [InlineData("81a10001", "wrong CBOR type")]
    [InlineData("81a102f97c00", "not a finite number")]
    [InlineData("81a162765f01", "mandatory-to-understand")]
    [InlineData("81a0ff", "bytes follow")]
    [InlineData("81a2", "well-formed")]
    public void MalformedPacks_AreRefusedWithTheirReason(string hex, string expected)
    {
        Assert.False(SenmlCborCodec.TryRead(Convert.FromHexString(hex), out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
