using System.Buffers;
using System.Text;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Messages;

public class Lwm2mMessageParserTests
{
    const string OriginalRegister = """{"endpoint":"dev-1","lifetime":3600,"version":"1.2","bindingMode":"UQ","objects":{"3":{"0":{"0":"IoT Testing Corp","1":"SimDevice-temperature_sensor"}}}}""";

    [Fact]
    public void TryParseRegister_OriginalForm_IsParsed()
    {
        var error = Lwm2mMessageParser.TryParseRegister("dev-1", Bytes(OriginalRegister), out var request);

        Assert.False(error.IsError, error.ToString());
        Assert.Equal("dev-1", request.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(3600), request.Lifetime);
        Assert.Equal("1.2", request.Version);
        Assert.Equal("UQ", request.BindingMode);
        Assert.Equal([Lwm2mPath.Parse("/3/0")], request.Objects.Links);
        Assert.Equal("IoT Testing Corp", request.Objects.Values[Lwm2mPath.Parse("/3/0/0")].GetString());
        Assert.Equal("SimDevice-temperature_sensor", request.Objects.Values[Lwm2mPath.Parse("/3/0/1")].GetString());
    }

    [Fact]
    public void TryParseRegister_LinkFormatObjects_IsParsed()
    {
        var error = Lwm2mMessageParser.TryParseRegister("dev-1", Bytes("""{"lifetime":60,"version":"1.2","bindingMode":"M","objects":"</1/0>,</3/0>,</3303/0>"}"""), out var request);

        Assert.False(error.IsError, error.ToString());
        Assert.Equal(["/1/0", "/3/0", "/3303/0"], request.Objects.Links.Select(p => p.ToString()));
        Assert.Empty(request.Objects.Values);
    }

    [Fact]
    public void TryParseRegister_WithoutLifetime_UsesTheDefault()
    {
        Lwm2mMessageParser.TryParseRegister("d", Bytes("""{"version":"1.1"}"""), out var request);

        Assert.Equal(RegisterRequest.DefaultLifetime, request.Lifetime);
    }

    [Theory]
    [InlineData("""{"version":"1.2"}""", false)]
    [InlineData("""{"version":"1.2","queueMode":true}""", true)]
    [InlineData("""{"version":"1.2","bindingMode":"U","queueMode":true}""", true)]
    [InlineData("""{"version":"1.2","bindingMode":"UQ"}""", true)]
    [InlineData("""{"version":"1.2","bindingMode":"UQ","queueMode":false}""", false)]
    [InlineData("""{"version":"1.2","bindingMode":"M"}""", false)]
    public void TryParseRegister_QueueMode_IsTheFieldWhenGiven_ElseAQInTheBinding(string json, bool queueMode)
    {
        var error = Lwm2mMessageParser.TryParseRegister("dev-1", Bytes(json), out var request);

        Assert.False(error.IsError, error.ToString());
        Assert.Equal(queueMode, request.QueueMode);
    }

    [Fact]
    public void WriteRegister_CarriesQueueMode()
    {
        var request = new RegisterRequest("dev-1", TimeSpan.FromSeconds(60), "1.2", "UQ", Lwm2mObjectList.Empty) { QueueMode = false };

        var written = Lwm2mMessageWriter.WriteRegister(request);
        Lwm2mMessageParser.TryParseRegister("dev-1", new ReadOnlySequence<byte>(written), out var again);

        Assert.Contains("\"queueMode\":false", Encoding.UTF8.GetString(written), StringComparison.Ordinal);
        Assert.False(again.QueueMode);
        Assert.True(Parse(Lwm2mMessageWriter.WriteRegister(request with { BindingMode = "U", QueueMode = true })).QueueMode);

        static RegisterRequest Parse(byte[] bytes)
        {
            Lwm2mMessageParser.TryParseRegister("dev-1", new ReadOnlySequence<byte>(bytes), out var parsed);
            return parsed;
        }
    }

    [Fact]
    public void WriteRegister_RoundTripsThroughTheParser()
    {
        Lwm2mMessageParser.TryParseRegister("dev-1", Bytes("""{"lifetime":30,"version":"1.2","bindingMode":"U","objects":{"1":{"0":{"1":30}},"3":{"0":{"0":"ACME","7":{"0":3800,"1":5000}}},"5":{}}}"""), out var request);

        var written = Lwm2mMessageWriter.WriteRegister(request);
        var error = Lwm2mMessageParser.TryParseRegister("dev-1", new ReadOnlySequence<byte>(written), out var again);

        Assert.False(error.IsError, error.ToString());
        Assert.Equal(request.Objects.Links, again.Objects.Links);
        Assert.Equal(request.Objects.Values.Keys.Order(), again.Objects.Values.Keys.Order());
        Assert.Equal(5000, again.Objects.Values[Lwm2mPath.Parse("/3/0/7/1")].GetInt32());
        Assert.Contains(Lwm2mPath.Parse("/5"), again.Objects.Links);
    }

    [Theory]
    [InlineData("""{"version":"1.2","objects":"</1>;ver=1.2,</1/0>,</3303>;ver=1.1,</3303/0>,</3/0>"}""")]
    [InlineData("""{"version":"1.2","objects":{"1":{"ver":"1.2","0":{}},"3303":{"ver":"1.1","0":{}},"3":{"0":{}}}}""")]
    public void Register_ReadsObjectVersions_FromVerInEitherForm(string json)
    {
        var error = Lwm2mMessageParser.TryParseRegister("dev-1", Bytes(json), out var request);

        Assert.False(error.IsError, error.ToString());
        Assert.Equal(new Dictionary<ushort, string> { [1] = "1.2", [3303] = "1.1" }, request.Objects.Versions);
        Assert.Contains(Lwm2mPath.Parse("/3303/0"), request.Objects.Links);
    }

    [Theory]
    [InlineData("""{"version":"1.2","objects":"</3303>;ver=one"}""")]
    [InlineData("""{"version":"1.2","objects":{"3303":{"ver":1.1}}}""")]
    public void Register_WithAVerThatIsNotAVersion_IsRejected(string json)
    {
        var error = Lwm2mMessageParser.TryParseRegister("dev-1", Bytes(json), out _);

        Assert.Equal(Lwm2mMessageError.InvalidObjects, error.Reason);
    }

    public static TheoryData<string, Lwm2mMessageError, string> InvalidRegisters => new()
    {
        { "{", Lwm2mMessageError.MalformedJson, "not valid JSON" },
        { "not json", Lwm2mMessageError.MalformedJson, "not valid JSON" },
        { "[1]", Lwm2mMessageError.NotAnObject, "Array" },
        { """{"endpoint":"other","version":"1.2"}""", Lwm2mMessageError.EndpointMismatch, "'endpoint'" },
        { """{"endpoint":5,"version":"1.2"}""", Lwm2mMessageError.WrongFieldType, "'endpoint'" },
        { """{"lifetime":3600}""", Lwm2mMessageError.MissingField, "'version'" },
        { """{"version":"2.0"}""", Lwm2mMessageError.UnsupportedVersion, "'version' 2.0" },
        { """{"version":1.2}""", Lwm2mMessageError.WrongFieldType, "'version'" },
        { """{"version":"1.2","lifetime":0}""", Lwm2mMessageError.InvalidLifetime, "'lifetime'" },
        { """{"version":"1.2","lifetime":-5}""", Lwm2mMessageError.InvalidLifetime, "got -5" },
        { """{"version":"1.2","lifetime":"3600"}""", Lwm2mMessageError.InvalidLifetime, "'lifetime'" },
        { """{"version":"1.2","lifetime":1.5}""", Lwm2mMessageError.InvalidLifetime, "'lifetime'" },
        { """{"version":"1.2","bindingMode":"X"}""", Lwm2mMessageError.InvalidBindingMode, "'bindingMode'" },
        { """{"version":"1.2","bindingMode":""}""", Lwm2mMessageError.InvalidBindingMode, "'bindingMode'" },
        { """{"version":"1.2","queueMode":"yes"}""", Lwm2mMessageError.WrongFieldType, "'queueMode'" },
        { """{"version":"1.2","objects":[]}""", Lwm2mMessageError.WrongFieldType, "'objects'" },
        { """{"version":"1.2","objects":{"x":{}}}""", Lwm2mMessageError.InvalidObjects, "objects/x" },
        { """{"version":"1.2","objects":{"3":{"0":{"99999":1}}}}""", Lwm2mMessageError.InvalidObjects, "objects/3/0/99999" },
        { """{"version":"1.2","objects":{"3":{"0":{"1":[1]}}}}""", Lwm2mMessageError.InvalidObjects, "objects/3/0/1" },
        { """{"version":"1.2","objects":"</3/0"}""", Lwm2mMessageError.InvalidObjects, "link-format" },
        { """{"version":"1.2","objects":"</3/0/1>"}""", Lwm2mMessageError.InvalidObjects, "objects or object instances" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegisters))]
    public void TryParseRegister_InvalidMessage_NamesTheProblem(string json, Lwm2mMessageError reason, string detailContains)
    {
        var error = Lwm2mMessageParser.TryParseRegister("dev-1", Bytes(json), out _);

        Assert.Equal(reason, error.Reason);
        Assert.Contains(detailContains, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseUpdate_EmptyPayload_OnlyRefreshes()
    {
        var error = Lwm2mMessageParser.TryParseUpdate(ReadOnlySequence<byte>.Empty, out var update);

        Assert.False(error.IsError);
        Assert.Equal(UpdateRequest.Empty, update);
    }

    [Fact]
    public void TryParseUpdate_ChangedParameters()
    {
        var error = Lwm2mMessageParser.TryParseUpdate(Bytes("""{"lifetime":120,"objects":{"3":{"0":{"9":88}}}}"""), out var update);

        Assert.False(error.IsError);
        Assert.Equal(TimeSpan.FromSeconds(120), update.Lifetime);
        Assert.Null(update.BindingMode);
        Assert.Equal(88, update.Objects!.Values[Lwm2mPath.Parse("/3/0/9")].GetInt32());
    }

    [Theory]
    [InlineData("""{"lifetime":"soon"}""", Lwm2mMessageError.InvalidLifetime)]
    [InlineData("""{"bindingMode":"?"}""", Lwm2mMessageError.InvalidBindingMode)]
    [InlineData("""{"objects":5}""", Lwm2mMessageError.WrongFieldType)]
    [InlineData("""nope""", Lwm2mMessageError.MalformedJson)]
    public void TryParseUpdate_Invalid_IsRejected(string json, Lwm2mMessageError reason)
    {
        Assert.Equal(reason, Lwm2mMessageParser.TryParseUpdate(Bytes(json), out _).Reason);
    }

    // A lone surrogate escape is valid JSON but no Unicode text, so it cannot become a string either.
    [Theory]
    [InlineData("""{"version":"1.2","bindingMode":"U<bad>"}""", "'bindingMode'")]
    [InlineData("""{"version":"1.2","objects":{"3":{"0":{"0":"ACME<bad>"}}}}""", "'objects.3.0.0'")]
    [InlineData("""{"version":"1.2","<bad>":1}""", "a property name")]
    [InlineData("""{"version":"1.2","objects":"</3/0>\uD800"}""", "'objects'")]
    public void TryParseRegister_InvalidUtf8InAString_IsRejectedAndNamed(string json, string field)
    {
        var error = Lwm2mMessageParser.TryParseRegister("dev-1", WithInvalidUtf8(json), out _);

        Assert.Equal(Lwm2mMessageError.InvalidUtf8, error.Reason);
        Assert.Contains(field, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseUpdate_InvalidUtf8InAString_IsRejected()
    {
        Assert.Equal(Lwm2mMessageError.InvalidUtf8, Lwm2mMessageParser.TryParseUpdate(WithInvalidUtf8("""{"bindingMode":"<bad>"}"""), out _).Reason);
    }

    static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The JSON with each <c>&lt;bad&gt;</c> replaced by bytes that are not UTF-8 (0xC3 0x28).</summary>
    internal static ReadOnlySequence<byte> WithInvalidUtf8(string json) =>
        new([.. json.Split("<bad>").Select(Encoding.UTF8.GetBytes).Aggregate((joined, next) => [.. joined, 0xC3, 0x28, .. next])]);
}
