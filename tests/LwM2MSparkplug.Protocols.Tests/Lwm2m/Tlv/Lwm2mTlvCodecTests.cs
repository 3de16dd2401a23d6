using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Lwm2m.Tlv;
using LwM2MSparkplug.Protocols.Tests.Lwm2m.Nodes;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Tlv;

/// <summary>
/// LwM2M TLV (11542). The vectors are derived by hand from the type-byte table of Core §7.4.3 (the spec's own examples
/// disagree with it): type byte = kind (bits 7-6) | 16-bit id (bit 5) | length width (bits 4-3) | length (bits 2-0).
/// </summary>
public sealed class Lwm2mTlvCodecTests
{
    static readonly Lwm2mDeviceModel Model = EveryResourceType.Model;

    // Device /3/0: Manufacturer "Open", Battery Level 42, Available Power Sources {0: 1, 1: 5}.
    const string DeviceInstance =
        "c4" + "00" + "4f70656e" // 11 0 00 100: resource, 8-bit id, length 4 | id 0 | "Open"
        + "c1" + "09" + "2a" // 11 0 00 001: resource, length 1 | id 9 | 42
        + "86" + "06" // 10 0 00 110: multiple resource, length 6 | id 6
        + "41" + "00" + "01" // 01 0 00 001: resource instance, length 1 | id 0 | 1
        + "41" + "01" + "05"; // 01 0 00 001: resource instance, length 1 | id 1 | 5

    static readonly Lwm2mResourceValue[] DeviceValues =
    [
        new(Lwm2mPath.Parse("/3/0/0"), Lwm2mResourceType.String, "Open"),
        new(Lwm2mPath.Parse("/3/0/9"), Lwm2mResourceType.Integer, 42L),
        new(Lwm2mPath.Parse("/3/0/6/0"), Lwm2mResourceType.Integer, 1L),
        new(Lwm2mPath.Parse("/3/0/6/1"), Lwm2mResourceType.Integer, 5L),
    ];

    [Theory]
    [InlineData("/3/0", DeviceInstance)]
    [InlineData("/3", "08" + "00" + "11" + DeviceInstance)] // 00 0 01 000: object instance, 8-bit length | id 0 | 17 bytes
    public void AnInstance_IsItsResourceTlvs_AndAnObject_WrapsThemPerInstance(string target, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(Lwm2mTlvCodec.Write(DeviceValues, Lwm2mPath.Parse(target))));

        Assert.True(Lwm2mTlvCodec.TryRead(Lwm2mPath.Parse(target), Convert.FromHexString(hex), Model, out var values, out var error), error);
        EveryResourceType.AssertSame(DeviceValues, values);
    }

    [Fact]
    public void AMultipleResource_IsOneMultipleResourceTlv_AndOneInstance_ItsResourceInstanceTlv()
    {
        var instances = DeviceValues[2..];

        Assert.Equal("8606" + "410001" + "410105", Convert.ToHexStringLower(Lwm2mTlvCodec.Write(instances, Lwm2mPath.Parse("/3/0/6"))));
        Assert.Equal("410105", Convert.ToHexStringLower(Lwm2mTlvCodec.Write(instances[1..], Lwm2mPath.Parse("/3/0/6/1"))));
        Assert.True(Lwm2mTlvCodec.TryRead(Lwm2mPath.Parse("/3/0/6/1"), Convert.FromHexString("410105"), Model, out var values, out var error), error);
        EveryResourceType.AssertSame(instances[1..], values);
    }

    [Fact]
    public void WithoutATarget_TheCommonParentOfTheValues_IsTheTarget()
    {
        Assert.Equal(DeviceInstance, Convert.ToHexStringLower(Lwm2mTlvCodec.Write(DeviceValues)));
        Assert.Equal("c1092a", Convert.ToHexStringLower(Lwm2mTlvCodec.Write(DeviceValues[1..2])));
        // One resource instance still names its resource: 10 0 00 011 | id 6 | 01 0 00 001 | id 1 | 5.
        Assert.Equal("8306" + "410105", Convert.ToHexStringLower(Lwm2mTlvCodec.Write(DeviceValues[3..])));
    }

    [Theory]
    [InlineData(Lwm2mResourceType.String, "c8" + "00" + "14" + "4f70656e204d6f62696c6520416c6c69616e6365")] // 11 0 01 000: 8-bit length | id 0 | 20 | "Open Mobile Alliance"
    [InlineData(Lwm2mResourceType.Integer, "c4" + "09" + "fff0bdc0")] // 11 0 00 100 | id 9 | -1000000 in 4 bytes
    [InlineData(Lwm2mResourceType.UnsignedInteger, "c8" + "01" + "08" + "ffffffffffffffff")] // 11 0 01 000 | id 1 | 8 | 2^64-1
    [InlineData(Lwm2mResourceType.Float, "e4" + "1644" + "41ac0000")] // 11 1 00 100: 16-bit id | id 5700 | 21.5 as a 4-byte float
    [InlineData(Lwm2mResourceType.Boolean, "c1" + "06" + "01")] // 11 0 00 001 | id 6 | true
    [InlineData(Lwm2mResourceType.Opaque, "c5" + "00" + "000102feff")] // 11 0 00 101 | id 0 | the bytes
    [InlineData(Lwm2mResourceType.Time, "c4" + "0d" + "6553f100")] // 11 0 00 100 | id 13 | 1700000000 s
    [InlineData(Lwm2mResourceType.ObjectLink, "c4" + "0a" + "000b" + "0000")] // 11 0 00 100 | id 10 | object 11 | instance 0
    [InlineData(Lwm2mResourceType.CoreLink, "c8" + "00" + "0d" + "3c2f332f303e2c3c2f312f303e")] // 11 0 01 000 | id 0 | 13 | "</3/0>,</1/0>"
    public void EveryResourceType_IsWrittenByTheTable_AndReadBack(Lwm2mResourceType type, string hex)
    {
        var value = EveryResourceType.ValueOf(type);

        Assert.Equal(hex, Convert.ToHexStringLower(Lwm2mTlvCodec.Write([value], value.Path)));

        Assert.True(Lwm2mTlvCodec.TryRead(value.Path, Convert.FromHexString(hex), Model, out var values, out var error), error);
        EveryResourceType.AssertSame([value], values);
    }

    [Theory]
    [InlineData(42UL, "c1" + "01" + "2a")] // 1 byte, top bit clear
    [InlineData(200UL, "c2" + "01" + "00c8")] // 0xc8 would read -56 as signed: 2 bytes
    [InlineData(86400UL, "c4" + "01" + "00015180")] // 4 bytes
    [InlineData(0x8000_0000UL, "c8" + "01" + "08" + "0000000080000000")] // top bit of 4 bytes set: 8 bytes
    public void AnUnsignedInteger_TakesTheFewestBytesThatReadTheSameSignedOrNot(ulong lifetime, string hex)
    {
        Lwm2mResourceValue value = new(Lwm2mPath.Parse("/1/0/1"), Lwm2mResourceType.UnsignedInteger, lifetime);

        Assert.Equal(hex, Convert.ToHexStringLower(Lwm2mTlvCodec.Write([value], value.Path)));
    }

    [Theory]
    [InlineData(-1L, "c1" + "09" + "ff")]
    [InlineData(127L, "c1" + "09" + "7f")]
    [InlineData(128L, "c2" + "09" + "0080")]
    [InlineData(-32769L, "c4" + "09" + "ffff7fff")]
    [InlineData(long.MinValue, "c8" + "09" + "08" + "8000000000000000")]
    public void ASignedInteger_TakesTheFewestBytes(long battery, string hex)
    {
        Lwm2mResourceValue value = new(Lwm2mPath.Parse("/3/0/9"), Lwm2mResourceType.Integer, battery);

        Assert.Equal(hex, Convert.ToHexStringLower(Lwm2mTlvCodec.Write([value], value.Path)));
        Assert.True(Lwm2mTlvCodec.TryRead(value.Path, Convert.FromHexString(hex), Model, out var values, out var error), error);
        Assert.Equal(battery, Assert.Single(values).Value);
    }

    [Theory]
    [InlineData("/3/0/9", "c1" + "09" + "2a", 42L)] // 1-byte integer
    [InlineData("/3/0/9", "c2" + "09" + "002a", 42L)] // 2-byte integer
    [InlineData("/3/0/9", "c4" + "09" + "0000002a", 42L)] // 4-byte integer
    [InlineData("/3/0/9", "c8" + "09" + "08" + "000000000000002a", 42L)] // 8-byte integer, 8-bit length
    [InlineData("/3/0/9", "d0" + "09" + "0001" + "2a", 42L)] // 11 0 10 000: a 16-bit length where none was needed
    [InlineData("/3/0/9", "d8" + "09" + "000001" + "2a", 42L)] // 11 0 11 000: a 24-bit length
    [InlineData("/3/0/9", "e1" + "0009" + "2a", 42L)] // 11 1 00 001: a 16-bit id where 8 bits did
    [InlineData("/1/0/1", "c1" + "01" + "c8", 200UL)] // an unsigned byte above 127
    [InlineData("/3303/0/5700", "e8" + "1644" + "08" + "3fb999999999999a", 0.1)] // 11 1 01 000 | id 5700 | 8 | 0.1 as a double
    public void EveryWidthTheTableAllows_IsRead(string target, string hex, object expected)
    {
        Assert.True(Lwm2mTlvCodec.TryRead(Lwm2mPath.Parse(target), Convert.FromHexString(hex), Model, out var values, out var error), error);

        Assert.Equal(expected, Assert.Single(values).Value);
    }

    [Fact]
    public void ValuesLongerThan255Bytes_TakeA16Or24BitLength()
    {
        var opaque = new Lwm2mResourceValue(Lwm2mPath.Parse("/5/0/0"), Lwm2mResourceType.Opaque, new byte[300]);
        var large = opaque with { Value = new byte[70_000] };

        Assert.Equal("d0" + "00" + "012c", Convert.ToHexStringLower(Lwm2mTlvCodec.Write([opaque], opaque.Path)[..4])); // 11 0 10 000 | id 0 | 300
        Assert.Equal("d8" + "00" + "011170", Convert.ToHexStringLower(Lwm2mTlvCodec.Write([large], large.Path)[..5])); // 11 0 11 000 | id 0 | 70000
        Assert.True(Lwm2mTlvCodec.TryRead(large.Path, Lwm2mTlvCodec.Write([large], large.Path), Model, out var values, out var error), error);
        Assert.Equal(70_000, ((byte[])Assert.Single(values).Value).Length);
    }

    [Theory]
    [InlineData("/3", "c1092a", "/3/0/9")] // a single-instance object's resources without their object-instance TLV
    [InlineData("/3/0", "03" + "00" + "c1092a", "/3/0/9")] // 00 0 00 011: one object-instance TLV around the instance asked for
    [InlineData("/3/0/6", "410001" + "410105", "/3/0/6/0,/3/0/6/1")] // instances without their multiple-resource TLV
    [InlineData("/3/0/6", "80" + "06", "")] // a multiple resource with no instances
    [InlineData("/3/0", "", "")] // an instance with no resources
    public void WhatPeersAreKnownToSend_IsRead(string target, string hex, string paths)
    {
        Assert.True(Lwm2mTlvCodec.TryRead(Lwm2mPath.Parse(target), Convert.FromHexString(hex), Model, out var values, out var error), error);

        Assert.Equal(paths, string.Join(',', values.Select(value => value.Path)));
    }

    [Fact]
    public void AResourceOfAnUnknownObject_IsReadAsItsBytes()
    {
        Assert.True(Lwm2mTlvCodec.TryRead(Lwm2mPath.Parse("/65000/0"), Convert.FromHexString("c1012a"), Model, out var values, out var error), error);

        Assert.Equal((Lwm2mResourceType.Opaque, "2A"), (values[0].Type, Convert.ToHexString((byte[])values[0].Value)));
    }

    [Theory]
    [InlineData(null, "c1092a", "needs an object")]
    [InlineData("/3/0/0", "c5", "header needs 2 bytes, 1 left")] // type byte alone
    [InlineData("/3303/0/5700", "e416", "header needs 3 bytes, 2 left")] // 16-bit id cut short
    [InlineData("/3/0/0", "c800", "header needs 3 bytes, 2 left")] // 8-bit length missing
    [InlineData("/3/0/0", "c4004f70", "value of 4 bytes runs past the end (2 left)")]
    [InlineData("/3/0/6", "8306" + "4200" + "05", "TLV at byte 2: its value of 2 bytes runs past the end (1 left)")] // 10 0 00 011 | id 6 | an instance of length 2 with 1 byte left in its parent
    [InlineData("/3/0", "e1ffff2a", "identifier 65535 is reserved")]
    [InlineData("/3/0/9", "", "no TLV for /3/0/9")]
    [InlineData("/3/0/9", "c1092a" + "c10a01", "bytes follow the one TLV of /3/0/9 (from byte 3)")]
    [InlineData("/3/0/9", "c10a2a", "resource 10 where /3/0/9 was asked")]
    [InlineData("/3/0/6/1", "410005", "resource instance 0 where /3/0/6/1 was asked")]
    [InlineData("/3/0/6/1", "c10105", "resource 1 where resource instance /3/0/6/1 was asked")]
    [InlineData("/3/0", "0301c1092a", "object instance 1 where /3/0 was asked")]
    [InlineData("/3", "0200" + "0000", "object instance 0 inside /3/0, which holds only resources")] // an instance inside an instance
    [InlineData("/3", "0200" + "c109", "TLV at byte 2: its value of 1 bytes runs past the end (0 left)")] // a resource overruns its instance
    [InlineData("/3", "0000" + "c1092a", "beside resources under /3")]
    [InlineData("/1", "c10601", "has many instances")]
    [InlineData("/3/0", "410001", "resource instance 0 inside /3/0, which holds only resources")]
    [InlineData("/3/0", "8306" + "c1002a", "resource 0 inside multiple resource /3/0/6, which holds only resource instances")]
    [InlineData("/3/0", "c10601", "is a multiple resource, yet came as a resource with one value")]
    [InlineData("/3/0", "8309" + "410001", "has no instances, yet came as a multiple resource")]
    [InlineData("/3/0", "c1092a" + "c1092b", "/3/0/9 is given twice")]
    [InlineData("/3/0", "c1632a", "has no resource 99")]
    [InlineData("/3/0", "c10401", "no value (it is executable)")]
    [InlineData("/3/0/9", "c309000001", "needs a signed integer of 1, 2, 4 or 8 bytes; got 3 bytes 000001")]
    [InlineData("/1/0/1", "c001", "needs an unsigned integer of 1, 2, 4 or 8 bytes; got 0 bytes")]
    [InlineData("/3303/0/5700", "e216444000", "needs a finite float of 4 or 8 bytes")]
    [InlineData("/3303/0/5700", "e41644" + "7fc00000", "needs a finite float")] // NaN
    [InlineData("/1/0/6", "c10602", "needs one byte, 0 or 1")]
    [InlineData("/1/0/10", "c30a000b00", "needs an object link of 4 bytes")]
    [InlineData("/3/0/0", "c100ff", "needs UTF-8 text")]
    public void WhatTheTableOrTheModelCannotMean_IsRefusedWithTheReason(string? target, string hex, string expected)
    {
        var path = target is null ? (Lwm2mPath?)null : Lwm2mPath.Parse(target);

        Assert.False(Lwm2mTlvCodec.TryRead(path, Convert.FromHexString(hex), Model, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomAndTruncatedInput_IsRefusedOrRead_NeverThrown()
    {
        var random = new Random(11542);
        var valid = Convert.FromHexString("08" + "00" + "11" + DeviceInstance);
        var targets = new[] { "/3", "/3/0", "/3/0/6", "/3/0/6/0", "/65000/0" }.Select(Lwm2mPath.Parse).ToArray();
        for (var i = 0; i < 5000; i++)
        {
            var bytes = i < valid.Length ? valid[..i] : RandomBytes(random);
            var accepted = Lwm2mTlvCodec.TryRead(targets[i % targets.Length], bytes, Model, out _, out var error);
            Assert.True(accepted || error.Length > 0);
        }
    }

    [Fact]
    public void ValuesOutsideTheTarget_AreAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() => Lwm2mTlvCodec.Write(DeviceValues, Lwm2mPath.Parse("/3/0/9")));
        Assert.Throws<ArgumentException>(() => Lwm2mTlvCodec.Write(DeviceValues, Lwm2mPath.Root));
        Assert.Throws<ArgumentException>(() => Lwm2mTlvCodec.Write([], Lwm2mPath.Parse("/3/0/6/0")));
    }

    static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 24)];
        random.NextBytes(bytes);
        return bytes;
    }
}
