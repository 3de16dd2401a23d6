using System.Buffers;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.KafkaBridge.Records;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Protocols.Lwm2m.Cbor;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.KafkaBridge.Tests.Records;

/// <summary>Messages of the OMA MQTT binding as records: the worked examples of the binding note (§5), under a prefix.</summary>
public sealed class KafkaRecordFactoryOmaTests
{
    const string Endpoint = "b1cccdea-22ca-4448-bcf7-d07317ee0361";
    const string Topic = "tenant-a/lwm2m/rd/" + Endpoint;
    static readonly DateTimeOffset Received = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    /// <summary>Example 1: Register.</summary>
    public const string Register = "a60106020107582a3c2f3e3b63743d22313132203131353434222c3c2f312f303e2c3c2f332f303e2c3c2f333330332f303e" + "08190e10" + "0963312e32" + "0a614d";

    /// <summary>Example 5: Notify of /3303/0/5700 = 22.0 in SenML CBOR.</summary>
    public const string Notify = "a40117021903ea075481a2216c2f333330332f302f3537303002f94d80131870";

    /// <summary>Example 6: Send with a base time.</summary>
    public const string Send = "a4011818020407582882a421682f333330332f302f221a6553f10000643537303002f94da0a2006435373031036343656c131870";

    /// <summary>Example 3: the server's Read of /3303/0, and the device's SenML CBOR answer.</summary>
    public const string ReadRequest = "a30109021903e805672f333330332f30";

    public const string ReadResponse = "a4021903e807582282a321682f333330332f302f00643537303002f94d60a2006435373031036343656c1218cd131870";

    readonly KafkaRecordFactory _factory = Factory(TopicRouter.DefaultRoutes);

    [Fact]
    public void Register_GoesToTheRegistrationTopic_AsJsonWithTheEnvelopesFieldsByName()
    {
        var record = _factory.Create(Topic, Bytes(Register), 1, Received)!;

        Assert.Equal(TopicRouter.RegistrationTopic, record.Topic);
        Assert.Equal(Endpoint, record.Key);
        Assert.Equal("reg", record.Header(KafkaRecordFactory.MessageTypeHeader));
        Assert.Equal(Topic, record.Header(KafkaRecordFactory.TopicHeader));
        Assert.Equal(Convert.FromHexString(Hex(Register)), record.MqttPayload);
        AssertJson(record, $$"""
            {"dialect":"oma","endpoint":"{{Endpoint}}","operation":"register","token":1,"lifetime":3600,"version":"1.2","binding":"M",
             "content_format":"link","payload":"</>;ct=\"112 11544\",</1/0>,</3/0>,</3303/0>"}
            """);
    }

    [Fact]
    public void Notify_GoesToTheUpdatesTopic_WithSenmlCborAsSenmlJsonRecords()
    {
        var record = _factory.Create(Topic, Bytes(Notify), 1, Received)!;

        Assert.Equal(TopicRouter.UpdatesTopic, record.Topic);
        Assert.Equal("notify", record.Header(KafkaRecordFactory.MessageTypeHeader));
        AssertJson(record, $$"""
            {"dialect":"oma","endpoint":"{{Endpoint}}","operation":"notify","token":1002,"content_format":"senml+cbor",
             "payload":[{"bn":"/3303/0/5700","v":22}]}
            """);
    }

    [Fact]
    public void Send_GoesToTheUpdatesTopic_WithItsBaseTime()
    {
        var record = _factory.Create(Topic, Bytes(Send), 1, Received)!;

        Assert.Equal(TopicRouter.UpdatesTopic, record.Topic);
        Assert.Equal("send", record.Header(KafkaRecordFactory.MessageTypeHeader));
        AssertJson(record, $$"""
            {"dialect":"oma","endpoint":"{{Endpoint}}","operation":"send","token":4,"content_format":"senml+cbor",
             "payload":[{"bn":"/3303/0/","bt":1700000000,"n":"5700","v":22.5},{"n":"5701","vs":"Cel"}]}
            """);
    }

    [Fact]
    public void ServerRequest_IsSkipped_WhateverTheRoutes()
    {
        Assert.Null(_factory.Create(Topic, Bytes(ReadRequest), 1, Received));
        Assert.Null(Factory(Routes("#=everything")).Create(Topic, Bytes(ReadRequest), 1, Received));
    }

    [Fact]
    public void Response_IsNotRoutedByDefault_LikeTheJsonContractsResponses()
    {
        Assert.Null(_factory.Create(Topic, Bytes(ReadResponse), 1, Received));
    }

    [Fact]
    public void Response_RoutedAsTheContractsResp_CarriesResultTokenAndContent()
    {
        var factory = Factory(Routes("lwm2m/+/resp/#=iot.telemetry.lwm2m.responses"));

        var record = factory.Create(Topic, Bytes(ReadResponse), 1, Received)!;

        Assert.Equal("iot.telemetry.lwm2m.responses", record.Topic);
        Assert.Equal("resp", record.Header(KafkaRecordFactory.MessageTypeHeader));
        AssertJson(record, $$"""
            {"dialect":"oma","endpoint":"{{Endpoint}}","token":1000,"result":205,"content_format":"senml+cbor",
             "payload":[{"bn":"/3303/0/","n":"5700","v":21.5},{"n":"5701","vs":"Cel"}]}
            """);
    }

    [Fact]
    public void SpecExampleResponse_WithTextInKey7_IsText()
    {
        var factory = Factory(Routes("lwm2m/+/resp/#=replies"));

        var record = factory.Create(Topic, Bytes("a41218cd021838130007744f70656e204d6f62696c6520416c6c69616e6365"), 1, Received)!;

        AssertJson(record, $$"""{"dialect":"oma","endpoint":"{{Endpoint}}","token":56,"result":205,"content_format":"text","payload":"Open Mobile Alliance"}""");
    }

    [Fact]
    public void Lwm2mCborContent_IsAMapFromPathToValue()
    {
        var content = Lwm2mCborCodec.Write([
            new Lwm2mCborItem(Lwm2mPath.Create(3303, 0, 5700), 21.5),
            new Lwm2mCborItem(Lwm2mPath.Create(3303, 0, 5701), "Cel"),
            new Lwm2mCborItem(Lwm2mPath.Create(3, 0, 6, 1), 5L),
            new Lwm2mCborItem(Lwm2mPath.Create(3, 0, 4), null)]);
        var send = OmaEnvelopeCodec.Write(new OmaMessage(9) { Operation = OmaOperation.Send, ContentFormat = 11544, Payload = content });

        var record = _factory.Create(Topic, new ReadOnlySequence<byte>(send), 1, Received)!;

        AssertJson(record, $$"""
            {"dialect":"oma","endpoint":"{{Endpoint}}","operation":"send","token":9,"content_format":"lwm2m+cbor",
             "payload":{"/3303/0/5700":21.5,"/3303/0/5701":"Cel","/3/0/6/1":5,"/3/0/4":null} }
            """);
    }

    [Theory]
    [InlineData((ushort)112, "not SenML CBOR")]
    [InlineData((ushort)11544, "not LwM2M CBOR")]
    [InlineData((ushort)110, "senml+json content is not JSON")]
    public void UnreadableContent_IsKeptAsBase64_WithWhyNotDecoded(ushort format, string error)
    {
        var send = OmaEnvelopeCodec.Write(new OmaMessage(9) { Operation = OmaOperation.Send, ContentFormat = format, Payload = new byte[] { 0xff, 0x01 } });

        var record = _factory.Create(Topic, new ReadOnlySequence<byte>(send), 1, Received)!;

        Assert.Equal(TopicRouter.UpdatesTopic, record.Topic);
        using var json = JsonDocument.Parse(record.Value);
        Assert.Equal("/wE=", json.RootElement.GetProperty("payload").GetString());
        Assert.StartsWith(error, json.RootElement.GetProperty("payload_error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OpaqueAndUnknownFormats_AreBase64()
    {
        var send = OmaEnvelopeCodec.Write(new OmaMessage(9) { Operation = OmaOperation.Send, ContentFormat = 4242, Payload = new byte[] { 1, 2, 3 } });

        using var json = JsonDocument.Parse(_factory.Create(Topic, new ReadOnlySequence<byte>(send), 1, Received)!.Value);

        Assert.Equal("4242", json.RootElement.GetProperty("content_format").GetString());
        Assert.Equal("AQID", json.RootElement.GetProperty("payload").GetString());
        Assert.False(json.RootElement.TryGetProperty("payload_error", out _));
    }

    [Theory]
    [InlineData("a2010602 1903", "oma_malformed_cbor", "reg", TopicRouter.RegistrationTopic)]
    [InlineData("a1020 1", "oma_neither_request_nor_response", "unknown", "")]
    [InlineData("a2011302 01", "oma_unknown_operation", "unknown", "")]
    [InlineData("a3011702 0107 01", "oma_invalid_value", "notify", TopicRouter.UpdatesTopic)]
    [InlineData("83010203", "oma_not_a_map", "unknown", "")]
    public void MalformedEnvelope_BecomesADeadLetter_WithTheReasonAndWhereItsKindWouldHaveGone(string hex, string reason, string messageType, string originalTopic)
    {
        var record = _factory.Create(Topic, Bytes(hex), 1, Received)!;

        Assert.True(record.IsDeadLetter);
        Assert.Equal("dead.letters", record.Topic);
        Assert.Equal(Endpoint, record.Key);
        Assert.Equal(Convert.FromHexString(Hex(hex)), record.Value);
        Assert.Equal(reason, record.Header(KafkaRecordFactory.DeadLetterReasonHeader));
        Assert.Equal(messageType, record.Header(KafkaRecordFactory.MessageTypeHeader));
        Assert.Equal(originalTopic, record.Header(KafkaRecordFactory.OriginalTopicHeader));
    }

    [Fact]
    public void MalformedServerRequest_IsSkippedToo()
    {
        // Read (9) with a uri that is not text: the server's own operation, so not the device's to dead-letter.
        Assert.Null(_factory.Create(Topic, Bytes("a30109021903e80500"), 1, Received));
    }

    [Fact]
    public void OversizeEnvelope_BecomesADeadLetter_UnlessItIsTheServersRequest()
    {
        var large = new byte[2000];
        var send = OmaEnvelopeCodec.Write(new OmaMessage(9) { Operation = OmaOperation.Send, ContentFormat = 42, Payload = large });
        var write = OmaEnvelopeCodec.Write(new OmaMessage(10) { Operation = OmaOperation.WriteReplace, Uri = "/5/0/0", ContentFormat = 42, Payload = large });

        var record = _factory.Create(Topic, new ReadOnlySequence<byte>(send), 1, Received)!;

        Assert.Equal("payload_too_large", record.DeadLetterReason);
        Assert.Equal(TopicRouter.UpdatesTopic, record.Header(KafkaRecordFactory.OriginalTopicHeader));
        Assert.Null(_factory.Create(Topic, new ReadOnlySequence<byte>(write), 1, Received));
    }

    [Fact]
    public void WithoutAPrefix_TheJsonContractsDeviceNamedRd_IsStillForwardedAsReceived()
    {
        var factory = new KafkaRecordFactory(new TopicRouter(TopicRouter.DefaultRoutes), "dead.letters", SparkplugValueFormat.Json, 1024, deadLetterExcerptBytes: 4096);
        var register = Encoding.UTF8.GetBytes("""{"lifetime":60,"version":"1.2"}""");

        var json = factory.Create("lwm2m/rd/reg", new ReadOnlySequence<byte>(register), 1, Received)!;
        var oma = factory.Create("lwm2m/rd/" + Endpoint, Bytes(Register), 1, Received)!;

        Assert.Equal(register, json.Value);
        Assert.Equal(TopicRouter.RegistrationTopic, oma.Topic);
        Assert.Equal("oma", JsonDocument.Parse(oma.Value).RootElement.GetProperty("dialect").GetString());
    }

    [Fact]
    public void UnderAnotherPrefix_AnOmaTopicIsNotTheBridges()
    {
        Assert.Null(_factory.Create("tenant-b/lwm2m/rd/" + Endpoint, Bytes(Register), 1, Received));
    }

    static KafkaRecordFactory Factory(IReadOnlyList<TopicRoute> routes) =>
        new(new TopicRouter(routes, "tenant-a"), "dead.letters", SparkplugValueFormat.Json, 1024, deadLetterExcerptBytes: 4096);

    static IReadOnlyList<TopicRoute> Routes(string text) => TopicRouter.TryParse(text, out var routes, out var error) ? routes : throw new ArgumentException(error);

    static string Hex(string spaced) => spaced.Replace(" ", string.Empty, StringComparison.Ordinal);

    static ReadOnlySequence<byte> Bytes(string hex) => new(Convert.FromHexString(Hex(hex)));

    static void AssertJson(BridgeRecord record, string expected)
    {
        using var actual = JsonDocument.Parse(record.Value);
        using var wanted = JsonDocument.Parse(expected);
        Assert.True(JsonElement.DeepEquals(wanted.RootElement, actual.RootElement), Encoding.UTF8.GetString(record.Value));
    }
}
