using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Oma;

/// <summary>The server's side of the binding as pure types: registration reading, request writing, response reading, the dialects' overlap.</summary>
public sealed class OmaServerSideTests
{
    static readonly byte[] ObjectList = Encoding.UTF8.GetBytes("</>;ct=\"112 11544\",</1/0>,</3/0>,</3303>;ver=1.1,</3303/0>");

    static OmaMessage Register(ulong token = 1) => new(token)
    {
        Operation = OmaOperation.Register,
        Lifetime = 3600,
        Version = "1.2",
        Binding = "M",
        Payload = ObjectList,
    };

    [Fact]
    public void Register_IsReadIntoTheSameRequestAsTheJsonContracts()
    {
        Assert.False(OmaRegistrationReader.TryReadRegister("dev-1", Register(), out var request).IsError);

        Assert.Equal(TimeSpan.FromSeconds(3600), request.Lifetime);
        Assert.Equal("1.2", request.Version);
        Assert.Equal("M", request.BindingMode);
        Assert.False(request.QueueMode);
        Assert.Equal(["/1/0", "/3/0", "/3303", "/3303/0"], request.Objects.Links.Select(p => p.ToString()));
        Assert.Equal("1.1", request.Objects.Versions[3303]);
        Assert.Equal([(ushort)112, (ushort)11544], request.Objects.ContentFormats);
    }

    [Theory]
    [InlineData("1.2.1", "1.2")]
    [InlineData("1.2.2", "1.2")]
    [InlineData("1.1", "1.1")]
    public void APatchReleaseOf12_IsRegisteredAs12(string version, string registered)
    {
        Assert.False(OmaRegistrationReader.TryReadRegister("dev-1", Register() with { Version = version }, out var request).IsError);
        Assert.Equal(registered, request.Version);
    }

    public static TheoryData<string, Func<OmaMessage, OmaMessage>, Lwm2mMessageError, ushort> FaultyRegisters => new()
    {
        { "no lifetime", m => m with { Lifetime = null }, Lwm2mMessageError.MissingField, 400 },
        { "lifetime 0", m => m with { Lifetime = 0 }, Lwm2mMessageError.InvalidLifetime, 400 },
        { "no version", m => m with { Version = null }, Lwm2mMessageError.MissingField, 400 },
        { "version 2.0", m => m with { Version = "2.0" }, Lwm2mMessageError.UnsupportedVersion, 412 },
        { "version 1.2.x", m => m with { Version = "1.2.x" }, Lwm2mMessageError.UnsupportedVersion, 412 },
        { "no object list", m => m with { Payload = null }, Lwm2mMessageError.NoObjectList, 409 },
        { "object list as SenML", m => m with { ContentFormat = 112 }, Lwm2mMessageError.InvalidObjects, 400 },
        { "object list not UTF-8", m => m with { Payload = new byte[] { 0xc3, 0x28 } }, Lwm2mMessageError.InvalidUtf8, 400 },
        { "broken link", m => m with { Payload = Encoding.UTF8.GetBytes("</3/0") }, Lwm2mMessageError.InvalidObjects, 400 },
        { "binding letter", m => m with { Binding = "X" }, Lwm2mMessageError.InvalidBindingMode, 400 },
        { "sms", m => m with { Sms = "call me" }, Lwm2mMessageError.WrongFieldType, 400 },
        { "ep key", m => m with { Endpoint = "dev-2" }, Lwm2mMessageError.EndpointMismatch, 400 },
    };

    [Theory]
    [MemberData(nameof(FaultyRegisters))]
    public void AFaultyRegister_IsRefused_WithTheResultTheBindingGivesForIt(string fault, Func<OmaMessage, OmaMessage> spoil, Lwm2mMessageError reason, ushort result)
    {
        var error = OmaRegistrationReader.TryReadRegister("dev-1", spoil(Register()), out _);

        Assert.True(error.IsError, fault);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(result, OmaRegistrationReader.ResultFor(error.Reason));
    }

    [Fact]
    public void Update_CarriesOnlyWhatChanged()
    {
        Assert.False(OmaRegistrationReader.TryReadUpdate(new OmaMessage(2) { Operation = OmaOperation.Update }, out var empty).IsError);
        Assert.Equal(UpdateRequest.Empty, empty);

        Assert.False(OmaRegistrationReader.TryReadUpdate(new OmaMessage(3) { Operation = OmaOperation.Update, Lifetime = 7200, Payload = ObjectList }, out var update).IsError);
        Assert.Equal(TimeSpan.FromSeconds(7200), update.Lifetime);
        Assert.Null(update.BindingMode);
        Assert.Equal(4, update.Objects!.Links.Count);
    }

    [Fact]
    public void EveryRequest_IsWrittenWithItsOperationCode_AndTheKeysItNeeds()
    {
        var senml = Lwm2mContentFormat.SenmlCbor;
        var payload = JsonSerializer.SerializeToElement(Convert.ToBase64String([0x80]));
        (Lwm2mRequest Request, uint Code)[] requests =
        [
            (new(Lwm2mOperation.Read) { Path = Lwm2mPath.Parse("/3/0/9"), Accept = Lwm2mContentFormat.Lwm2mCbor }, 9),
            (new(Lwm2mOperation.ReadComposite) { Paths = [Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3303/0/5700")] }, 10),
            (new(Lwm2mOperation.Discover) { Path = Lwm2mPath.Parse("/3"), Depth = 1 }, 11),
            (new(Lwm2mOperation.Write) { Path = Lwm2mPath.Parse("/1/0/1"), Format = senml, Payload = payload }, 12),
            (new(Lwm2mOperation.Write) { Path = Lwm2mPath.Parse("/1/0"), Replace = false, Format = senml, Payload = payload }, 13),
            (new(Lwm2mOperation.WriteAttributes) { Path = Lwm2mPath.Parse("/3303/0/5700"), Attributes = JsonSerializer.SerializeToElement(new { pmin = 10, pmax = 60, st = 0.5 }) }, 14),
            (new(Lwm2mOperation.WriteComposite) { Format = senml, Payload = payload }, 15),
            (new(Lwm2mOperation.Execute) { Path = Lwm2mPath.Parse("/3/0/4"), Arguments = "0='now'" }, 16),
            (new(Lwm2mOperation.Create) { Path = Lwm2mPath.Parse("/3303"), Format = senml, Payload = payload }, 17),
            (new(Lwm2mOperation.Delete) { Path = Lwm2mPath.Parse("/3303/1") }, 18),
            (new(Lwm2mOperation.Observe) { Path = Lwm2mPath.Parse("/3303/0/5700"), ObservationId = "1002" }, 20),
            (new(Lwm2mOperation.ObserveComposite) { Paths = [Lwm2mPath.Parse("/3/0/9")], ObservationId = "1003" }, 21),
            (new(Lwm2mOperation.CancelObserve) { ObservationId = "1002" }, 22),
        ];
        foreach (var (request, code) in requests)
        {
            Assert.True(OmaRequests.TryWrite(request, 1000, out var message, out _), request.Operation.ToString());
            Assert.True(OmaEnvelopeCodec.TryRead(OmaEnvelopeCodec.Write(message), OmaInterface.Registration, out var read, out _));
            Assert.Equal(code, OmaOperationCodes.ToWire(read!.Operation!.Value));
            Assert.Equal(request.Path?.ToString(), read.Uri);
            Assert.Equal(request.Format is null ? null : (ushort)request.Format.Value, read.ContentFormat);
        }
    }

    [Fact]
    public void TheRequestsKeys_CarryThePathsTheFormatTheAttributesAndTheArguments()
    {
        OmaRequests.TryWrite(new Lwm2mRequest(Lwm2mOperation.ReadComposite) { Paths = [Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3303/0/5700")] }, 1003, out var composite, out _);
        Assert.True(Lwm2mFetchPack.TryRead(composite.Paths!.Value, out var paths, out _));
        Assert.Equal(["/3/0/9", "/3303/0/5700"], paths.Select(p => p.ToString()));

        // §5 example 8: Write-Attributes pmin 10, pmax 60, st 0.5, byte for byte.
        OmaRequests.TryWrite(new Lwm2mRequest(Lwm2mOperation.WriteAttributes) { Path = Lwm2mPath.Parse("/3303/0/5700"), Attributes = JsonSerializer.SerializeToElement(new { pmin = 10, pmax = 60, st = 0.5 }) }, 1004, out var attributes, out _);
        Assert.Equal(Convert.FromHexString("a601 0e02 1903ec05 6c2f333330332f302f35373030 0c0a 0d183c 0ff93800".Replace(" ", "", StringComparison.Ordinal)), OmaEnvelopeCodec.Write(attributes));

        OmaRequests.TryWrite(new Lwm2mRequest(Lwm2mOperation.Execute) { Path = Lwm2mPath.Parse("/3/0/4"), Arguments = "0='now'" }, 1006, out var execute, out _);
        Assert.Equal("0='now'", Encoding.UTF8.GetString(execute.Payload!.Value.Span));

        OmaRequests.TryWrite(new Lwm2mRequest(Lwm2mOperation.Write) { Path = Lwm2mPath.Parse("/1/0/1"), Format = Lwm2mContentFormat.Text, Payload = JsonSerializer.SerializeToElement("7200") }, 1001, out var text, out _);
        Assert.Equal("7200", Encoding.UTF8.GetString(text.Payload!.Value.Span));
    }

    [Theory]
    [InlineData("""{"lt":10}""", "'lt'")]
    [InlineData("""{"con":1}""", "'con'")]
    [InlineData("""{"pmin":null}""", "unset")]
    [InlineData("""{"pmin":0.5}""", "unsigned integer")]
    public void AnAttributeTheBindingCannotCarry_IsNotExpressible(string attributes, string why)
    {
        var request = new Lwm2mRequest(Lwm2mOperation.WriteAttributes) { Path = Lwm2mPath.Parse("/3303/0/5700"), Attributes = JsonDocument.Parse(attributes).RootElement };

        Assert.False(OmaRequests.TryWrite(request, 1, out _, out var notExpressible));
        Assert.Contains(why, notExpressible, StringComparison.Ordinal);
    }

    [Fact]
    public void AResponse_BecomesTheJsonContractsResponse_WithItsContentInTheContractsForm()
    {
        Assert.True(OmaResponses.TryRead(new OmaMessage(1) { Result = 205, ContentFormat = 112, Payload = new byte[] { 0x80 } }, out var senml, out _));
        Assert.Equal(Lwm2mResultCode.Content, senml.Code);
        Assert.Equal(Lwm2mContentFormat.SenmlCbor, senml.Format);
        Assert.Equal("gA==", senml.Payload!.Value.GetString());

        // The binding's own example answers in text, with key 7 as a text string (read as its UTF-8 bytes).
        Assert.True(OmaEnvelopeCodec.TryRead(Convert.FromHexString("a41218cd021838130007744f70656e204d6f62696c6520416c6c69616e6365"), OmaInterface.Registration, out var example, out _));
        Assert.True(OmaResponses.TryRead(example!, out var text, out _));
        Assert.Equal("Open Mobile Alliance", text.Payload!.Value.GetString());

        Assert.True(OmaResponses.TryRead(new OmaMessage(1) { Result = 404 }, out var notFound, out _));
        Assert.Equal(Lwm2mResultCode.NotFound, notFound.Code);
    }

    [Theory]
    [InlineData(205, (ushort)9999, "content format 9999")]
    [InlineData(205, null, "without its content format")]
    [InlineData(305, (ushort)0, "result 305")]
    public void AResponseThatDoesNotFit_IsInvalid_WithWhy(int result, ushort? format, string why)
    {
        Assert.False(OmaResponses.TryRead(new OmaMessage(1) { Result = (ushort)result, ContentFormat = format, Payload = new byte[] { 0x31 } }, out _, out var invalid));
        Assert.Contains(why, invalid, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelObserve_SucceedsWith205OverTheBinding_TheOthersWithTheirCoapCodes()
    {
        Assert.Equal(Lwm2mResultCode.Content, OmaResponses.SuccessCode(Lwm2mOperation.CancelObserve));
        Assert.Equal(Lwm2mResultCode.Changed, OmaResponses.SuccessCode(Lwm2mOperation.Write));
        Assert.Equal(Lwm2mResultCode.Created, OmaResponses.SuccessCode(Lwm2mOperation.Create));
        Assert.Equal((ushort)205, OmaResponses.ResultOf(Lwm2mResultCode.Content));
    }

    [Theory]
    [InlineData(Lwm2mDialect.Json, "rd", null, true)]
    [InlineData(Lwm2mDialect.Json, "bs", null, true)]
    [InlineData(Lwm2mDialect.Json, "reg", null, false)]
    [InlineData(Lwm2mDialect.Oma, "reg", null, true)]
    [InlineData(Lwm2mDialect.Oma, "notify", null, true)]
    [InlineData(Lwm2mDialect.Oma, "rd", null, false)]
    [InlineData(Lwm2mDialect.Json, "rd", "tenant-a", false)]
    [InlineData(Lwm2mDialect.Oma, "reg", "tenant-a", false)]
    public void EndpointNames_AreReservedWhereTheDialectsTopicsOverlap_AndOnlyWithoutAPrefix(Lwm2mDialect dialect, string endpoint, string? prefix, bool reserved)
    {
        var error = DialectTopicOverlap.Check(dialect, endpoint, prefix);

        Assert.Equal(reserved, error.IsError);
        if (reserved)
        {
            Assert.Equal(Lwm2mMessageError.ReservedEndpoint, error.Reason);
            Assert.Contains("LWM2M_OMA_PREFIX", error.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("a201080203", true)]
    [InlineData("7b7d", false)]
    [InlineData("", false)]
    public void OnAnOverlappingTopic_ACborMap_IsTheBindings(string hex, bool oma) =>
        Assert.Equal(oma, DialectTopicOverlap.IsOmaEnvelope(new System.Buffers.ReadOnlySequence<byte>(Convert.FromHexString(hex))));
}
