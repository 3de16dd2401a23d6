using System.Text;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Oma;

/// <summary>
/// The envelope of OMA's MQTT binding against golden vectors: the worked examples written for the project's notes
/// from the binding's key and operation tables (built by hand, byte-identical from two encoders), and the binding's
/// own examples as an open implementation encoded them. They derive from the same second-hand facts as the codec, so
/// they show consistency with those facts, not certified interoperability.
/// </summary>
public sealed class OmaEnvelopeCodecTests
{
    static readonly byte[] RegisterLinks = Encoding.UTF8.GetBytes("</>;ct=\"112 11544\",</1/0>,</3/0>,</3303/0>");

    public static TheoryData<string, string, OmaMessage> Vectors => new()
    {
        {
            "register",
            "a60106020107582a3c2f3e3b63743d22313132203131353434222c3c2f312f303e2c3c2f332f303e2c3c2f333330332f303e08190e100963312e320a614d",
            new OmaMessage(1) { Operation = OmaOperation.Register, Payload = RegisterLinks, Lifetime = 3600, Version = "1.2", Binding = "M" }
        },
        { "register response", "a202011218c9", new OmaMessage(1) { Result = 201 } },
        { "update", "a30107020208191c20", new OmaMessage(2) { Operation = OmaOperation.Update, Lifetime = 7200 } },
        { "update response", "a202021218cc", new OmaMessage(2) { Result = 204 } },
        { "de-register", "a201080203", new OmaMessage(3) { Operation = OmaOperation.Deregister } },
        { "de-register response", "a202031218ca", new OmaMessage(3) { Result = 202 } },
        { "read", "a30109021903e805672f333330332f30", new OmaMessage(1000) { Operation = OmaOperation.Read, Uri = "/3303/0" } },
        {
            "read response, SenML CBOR",
            "a4021903e807582282a321682f333330332f302f00643537303002f94d60a2006435373031036343656c1218cd131870",
            new OmaMessage(1000) { Result = 205, ContentFormat = 112, Payload = Convert.FromHexString("82a321682f333330332f302f00643537303002f94d60a2006435373031036343656c") }
        },
        {
            "write-replace, plain text",
            "a5010c021903e905662f312f302f310744373230301300",
            new OmaMessage(1001) { Operation = OmaOperation.WriteReplace, Uri = "/1/0/1", Payload = "7200"u8.ToArray(), ContentFormat = 0 }
        },
        { "observe", "a30114021903ea056c2f333330332f302f35373030", new OmaMessage(1002) { Operation = OmaOperation.Observe, Uri = "/3303/0/5700" } },
        {
            "notify",
            "a40117021903ea075481a2216c2f333330332f302f3537303002f94d80131870",
            new OmaMessage(1002) { Operation = OmaOperation.Notify, ContentFormat = 112, Payload = Convert.FromHexString("81a2216c2f333330332f302f3537303002f94d80") }
        },
        { "cancel-observe", "a20116021903ea", new OmaMessage(1002) { Operation = OmaOperation.CancelObserve } },
        {
            "send",
            "a40118180204075828" + "82a421682f333330332f302f221a6553f10000643537303002f94da0a2006435373031036343656c" + "131870",
            new OmaMessage(4) { Operation = OmaOperation.Send, ContentFormat = 112, Payload = Convert.FromHexString("82a421682f333330332f302f221a6553f10000643537303002f94da0a2006435373031036343656c") }
        },
        {
            "read-composite",
            "a3010a021903eb06581982a100662f332f302f39a1006c2f333330332f302f35373030",
            new OmaMessage(1003) { Operation = OmaOperation.ReadComposite, Paths = Convert.FromHexString("82a100662f332f302f39a1006c2f333330332f302f35373030") }
        },
        {
            "write-attributes",
            "a6010e021903ec056c2f333330332f302f353730300c0a0d183c0ff93800",
            new OmaMessage(1004) { Operation = OmaOperation.WriteAttributes, Uri = "/3303/0/5700", Attributes = new OmaAttributes { MinimumPeriod = 10, MaximumPeriod = 60, Step = 0.5 } }
        },
        { "not found", "a2021903ed12190194", new OmaMessage(1005) { Result = 404 } },
        { "execute", "a30110021903ee05662f332f302f34", new OmaMessage(1006) { Operation = OmaOperation.Execute, Uri = "/3/0/4" } },
        { "spec: read", "a3010902183805662f332f302f30", new OmaMessage(56) { Operation = OmaOperation.Read, Uri = "/3/0/0" } },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EachVector_IsWrittenByteForByte_AndReadBackToTheSameMessage(string name, string hex, OmaMessage message)
    {
        var bytes = OmaEnvelopeCodec.Write(message);

        Assert.Equal(hex, Convert.ToHexStringLower(bytes));
        Assert.True(OmaEnvelopeCodec.TryRead(bytes, OmaInterface.Registration, out var read, out var error), $"{name}: {error}");
        AssertSame(message, read!);
    }

    [Fact]
    public void BootstrapRequest_IsCodeZeroOnTheBootstrapTopic_AndCodeSixIsThePackRequestThere()
    {
        var request = new OmaMessage(5) { Operation = OmaOperation.BootstrapRequest, PreferredContentFormat = 112 };

        Assert.Equal("a301000205041870", Convert.ToHexStringLower(OmaEnvelopeCodec.Write(request, OmaInterface.Bootstrap)));
        Assert.True(OmaEnvelopeCodec.TryRead(Convert.FromHexString("a201060207"), OmaInterface.Bootstrap, out var pack, out _));
        Assert.Equal(OmaOperation.BootstrapPackRequest, pack!.Operation);
        Assert.True(OmaEnvelopeCodec.TryRead(Convert.FromHexString("a201060207"), OmaInterface.Registration, out var register, out _));
        Assert.Equal(OmaOperation.Register, register!.Operation);
        Assert.Throws<ArgumentException>(() => OmaEnvelopeCodec.Write(request, OmaInterface.Registration));
    }

    [Fact]
    public void TheSpecsReadResponse_WithItsPayloadAsText_IsRead()
    {
        // Transport §8.4's example puts key 7 as a text string; the key table says byte string. Both are accepted.
        var bytes = Convert.FromHexString("a41218cd021838130007744f70656e204d6f62696c6520416c6c69616e6365");

        Assert.True(OmaEnvelopeCodec.TryRead(bytes, OmaInterface.Registration, out var response, out var error), error.ToString());
        Assert.Equal((ushort)205, response!.Result);
        Assert.Equal(56UL, response.Token);
        Assert.Equal((ushort)0, response.ContentFormat);
        Assert.Equal("Open Mobile Alliance", Encoding.UTF8.GetString(response.Payload!.Value.Span));
    }

    [Fact]
    public void NonShortestIntegersAndADoubleWidthFloat_AreRead()
    {
        // Token 1002 written in 8 bytes and gt written as a double: decoders must accept any width.
        var bytes = Convert.FromHexString("a4011b0000000000000014021b00000000000003ea056c2f333330332f302f353730300efb4035800000000000");

        Assert.True(OmaEnvelopeCodec.TryRead(bytes, OmaInterface.Registration, out var message, out var error), error.ToString());
        Assert.Equal(OmaOperation.Observe, message!.Operation);
        Assert.Equal(1002UL, message.Token);
        Assert.Equal(21.5, message.Attributes!.GreaterThan);
    }

    [Fact]
    public void IndefiniteLengthMapsAndStrings_AreRead()
    {
        // {_ 1: 9, 2: 7, 5: (_ "/3", "/0/0")}
        var bytes = Convert.FromHexString("bf0109020705" + "7f622f3364" + "2f302f30" + "ff" + "ff");

        Assert.True(OmaEnvelopeCodec.TryRead(bytes, OmaInterface.Registration, out var message, out var error), error.ToString());
        Assert.Equal("/3/0/0", message!.Uri);
    }

    [Fact]
    public void AnUnprotectedWrapper_IsUnwrapped_AndAProtectedOneIsRefusedAsSuch()
    {
        Assert.True(OmaEnvelopeCodec.TryRead(Convert.FromHexString("a201f602a201080203"), OmaInterface.Registration, out var inner, out _));
        Assert.Equal(OmaOperation.Deregister, inner!.Operation);

        Assert.False(OmaEnvelopeCodec.TryRead(Convert.FromHexString("a2014101" + "02a0"), OmaInterface.Registration, out _, out var error));
        Assert.Equal(OmaEnvelopeError.Protected, error);
    }

    [Fact]
    public void UnknownKeys_AreSkipped()
    {
        // {1: 8, 2: 3, 99: [1, 2]}
        Assert.True(OmaEnvelopeCodec.TryRead(Convert.FromHexString("a3010802031863820102"), OmaInterface.Registration, out var message, out _));
        Assert.Equal(OmaOperation.Deregister, message!.Operation);
    }

    [Theory]
    [InlineData("", OmaEnvelopeError.MalformedCbor)]
    [InlineData("a2010802", OmaEnvelopeError.MalformedCbor)]
    [InlineData("820108", OmaEnvelopeError.NotAMap)]
    [InlineData("a2010802030a", OmaEnvelopeError.TrailingBytes)]
    [InlineData("a10108", OmaEnvelopeError.MissingToken)]
    [InlineData("a10203", OmaEnvelopeError.NeitherRequestNorResponse)]
    [InlineData("a3010902011218cd", OmaEnvelopeError.NeitherRequestNorResponse)]
    [InlineData("a201130201", OmaEnvelopeError.UnknownOperation)]
    [InlineData("a2011902", OmaEnvelopeError.MalformedCbor)]
    [InlineData("a2623031080203", OmaEnvelopeError.InvalidKey)]
    [InlineData("a20109026131", OmaEnvelopeError.InvalidValue)]
    [InlineData("a3010902010519012c", OmaEnvelopeError.InvalidValue)]
    [InlineData("a30109020116040a", OmaEnvelopeError.InvalidValue)]
    [InlineData("a301090201010a", OmaEnvelopeError.MalformedCbor)]
    [InlineData("a30109020105629fff", OmaEnvelopeError.MalformedCbor)]
    public void MalformedEnvelopes_AreRefusedWithTheirReason(string hex, OmaEnvelopeError expected)
    {
        Assert.False(OmaEnvelopeCodec.TryRead(Convert.FromHexString(hex), OmaInterface.Registration, out var message, out var error));
        Assert.Null(message);
        Assert.Equal(expected, error);
    }

    static void AssertSame(OmaMessage expected, OmaMessage actual)
    {
        Assert.Equal(expected with { Payload = null, Paths = null }, actual with { Payload = null, Paths = null });
        Assert.Equal(expected.Payload?.ToArray(), actual.Payload?.ToArray());
        Assert.Equal(expected.Paths?.ToArray(), actual.Paths?.ToArray());
    }
}
