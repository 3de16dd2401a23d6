using System.Buffers;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Messages;

public sealed class Lwm2mEnvelopeCodecTests
{
    [Fact]
    public void Requests_RoundTrip()
    {
        using var attributes = JsonDocument.Parse("""{"pmin":1}""");
        using var payload = JsonDocument.Parse("""[{"bn":"/1/0/1","v":120}]""");
        Lwm2mRequest[] requests =
        [
            new(Lwm2mOperation.Read) { Path = Lwm2mPath.Parse("/3/0/9"), Accept = Lwm2mContentFormat.Text },
            new(Lwm2mOperation.ReadComposite) { Paths = [Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3303/0")] },
            new(Lwm2mOperation.Write) { Path = Lwm2mPath.Parse("/1/0/1"), Replace = false, Format = Lwm2mContentFormat.SenmlJson, Payload = payload.RootElement },
            new(Lwm2mOperation.WriteAttributes) { Path = Lwm2mPath.Parse("/3303/0/5700"), Attributes = attributes.RootElement },
            new(Lwm2mOperation.Execute) { Path = Lwm2mPath.Parse("/3/0/4"), Arguments = "0='x'" },
            new(Lwm2mOperation.Observe) { Path = Lwm2mPath.Parse("/3303/0/5700"), ObservationId = "o-1" },
            new(Lwm2mOperation.CancelObserve) { ObservationId = "o-1" },
            new(Lwm2mOperation.WriteComposite) { Format = Lwm2mContentFormat.SenmlJson, Payload = payload.RootElement },
            new(Lwm2mOperation.ObserveComposite) { Paths = [Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3303/0/5700")], ObservationId = "o-2" },
        ];

        foreach (var request in requests)
        {
            var bytes = Lwm2mEnvelopeCodec.WriteRequest(request);
            Assert.True(Lwm2mEnvelopeCodec.TryParseRequest(new ReadOnlySequence<byte>(bytes), out var parsed, out var error), error);
            Assert.Equal(request.Operation, parsed.Operation);
            Assert.Equal(request.Path, parsed.Path);
            Assert.Equal(request.Paths, parsed.Paths);
            Assert.Equal(request.Replace, parsed.Replace);
            Assert.Equal(request.Accept, parsed.Accept);
            Assert.Equal(request.Arguments, parsed.Arguments);
            Assert.Equal(request.ObservationId, parsed.ObservationId);
            Assert.Equal(request.Payload?.GetRawText(), parsed.Payload?.GetRawText());
        }
    }

    [Theory]
    [InlineData("""{"path":"/3/0/9"}""", "'op'")]
    [InlineData("""{"op":"reboot"}""", "'op'")]
    [InlineData("""{"op":"read"}""", "'path' is required")]
    [InlineData("""{"op":"read","path":"3/0"}""", "'path'")]
    [InlineData("""{"op":"write","path":"/1/0/1"}""", "'payload' is required")]
    [InlineData("""{"op":"observe","path":"/3/0/9"}""", "'observationId'")]
    [InlineData("""{"op":"write-composite","format":"text","payload":"x"}""", "senml+json")]
    [InlineData("""{"op":"write-composite"}""", "'payload' is required")]
    [InlineData("""{"op":"observe-composite","observationId":"o-1"}""", "'paths' is required")]
    [InlineData("""{"op":"observe-composite","paths":["/3/0/9"]}""", "'observationId' is required")]
    [InlineData("""{"op":"write","path":"/1/0/1","mode":"merge","payload":[]}""", "'mode'")]
    [InlineData("""{"op":"write","path":"/1/0/1","mode":1,"payload":[]}""", "'mode'")]
    public void InvalidRequests_AreRejectedByField(string json, string expected)
    {
        Assert.False(Lwm2mEnvelopeCodec.TryParseRequest(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Responses_CarryCodeFormatPayloadAndError()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"code":"4.04","error":"/3/0/99 does not exist"}""");

        Assert.False(Lwm2mEnvelopeCodec.TryParseResponse(new ReadOnlySequence<byte>(bytes), codeRequired: true, out var response).IsError);

        Assert.Equal(Lwm2mResultCode.NotFound, response.Code);
        Assert.Equal("/3/0/99 does not exist", response.Error);
        Assert.Equal(Lwm2mMessageError.WrongFieldType, Lwm2mEnvelopeCodec.TryParseResponse(new ReadOnlySequence<byte>("""{"code":"205"}"""u8.ToArray()), true, out _).Reason);
        Assert.Equal(Lwm2mMessageError.MissingField, Lwm2mEnvelopeCodec.TryParseResponse(new ReadOnlySequence<byte>("""{"format":"text","payload":"x"}"""u8.ToArray()), true, out _).Reason);
    }

    [Theory]
    [InlineData("""{"code":"2.05","format":"text","payload":"<bad>"}""", "'payload'")]
    [InlineData("""{"code":"4.04","error":"\uDC00"}""", "'error'")]
    [InlineData("""{"format":"senml+json","payload":[{"n":"/3/0/0","vs":"<bad>"}]}""", "'payload[0].vs'")]
    public void TryParseResponse_InvalidUtf8InAString_IsRejectedAndNamed(string json, string field)
    {
        var error = Lwm2mEnvelopeCodec.TryParseResponse(Lwm2mMessageParserTests.WithInvalidUtf8(json), codeRequired: false, out _);

        Assert.Equal(Lwm2mMessageError.InvalidUtf8, error.Reason);
        Assert.Contains(field, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.05", true)]
    [InlineData("4.04", true)]
    [InlineData("5.00", true)]
    [InlineData("3.00", false)]
    [InlineData("2.5", false)]
    public void ResultCodes_ParseAndFormat(string text, bool valid)
    {
        Assert.Equal(valid, Lwm2mResultCode.TryParse(text, out var code));
        if (valid)
        {
            Assert.Equal(text, code.ToString());
        }
    }
}
