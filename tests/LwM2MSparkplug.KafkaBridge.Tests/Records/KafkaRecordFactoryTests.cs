using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using LwM2MSparkplug.KafkaBridge.Records;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.KafkaBridge.Tests.Records;

public sealed class KafkaRecordFactoryTests
{
    static readonly DateTimeOffset Received = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
    readonly KafkaRecordFactory _factory = new(new TopicRouter(TopicRouter.DefaultRoutes), "dead.letters", SparkplugValueFormat.Json, 1024, deadLetterExcerptBytes: 16);

    [Fact]
    public void SparkplugData_IsKeyedByEdgeNode_WithHeaders_AndAliasesResolvedFromTheBirths()
    {
        var birth = SparkplugPayloadEncoder.CreatePayload(Received, 1);
        birth.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("counter", 7, 1, MetricValue.FromUInt64(1))));
        _factory.Create("spBv1.0/G/DBIRTH/edge-1/dev", Bytes(birth.ToByteArray()), 0, Received);
        var data = SparkplugPayloadEncoder.CreatePayload(Received, 2);
        data.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(null, 7, 2, MetricValue.FromUInt64(ulong.MaxValue)), includeDataType: false));

        var record = _factory.Create("spBv1.0/G/DDATA/edge-1/dev", Bytes(data.ToByteArray()), 0, Received)!;

        Assert.Equal(TopicRouter.SparkplugTopic, record.Topic);
        Assert.Equal("edge-1", record.Key);
        Assert.Equal("spBv1.0/G/DDATA/edge-1/dev", Header(record, KafkaRecordFactory.TopicHeader));
        Assert.Equal("0", Header(record, KafkaRecordFactory.QosHeader));
        Assert.Equal("1700000000123", Header(record, KafkaRecordFactory.ReceivedAtHeader));
        Assert.Equal("DDATA", Header(record, KafkaRecordFactory.MessageTypeHeader));
        using var json = JsonDocument.Parse(record.Value);
        var metric = json.RootElement.GetProperty("metrics")[0];
        Assert.Equal("counter", metric.GetProperty("name").GetString());
        Assert.Equal("UInt64", metric.GetProperty("datatype").GetString());
        Assert.Equal(ulong.MaxValue, metric.GetProperty("value").GetUInt64());
        Assert.Equal(2, json.RootElement.GetProperty("seq").GetInt32());
        Assert.Equal(0, _factory.UnresolvedMetrics);
    }

    [Fact]
    public void SparkplugDataWithAnUnknownAlias_KeepsTheMetricWithAReason()
    {
        var data = SparkplugPayloadEncoder.CreatePayload(Received, 2);
        data.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(null, 3, 2, MetricValue.FromDouble(1)), includeDataType: false));

        var record = _factory.Create("spBv1.0/G/NDATA/never-born", Bytes(data.ToByteArray()), 0, Received)!;

        using var json = JsonDocument.Parse(record.Value);
        var metric = json.RootElement.GetProperty("metrics")[0];
        Assert.Equal(3, metric.GetProperty("alias").GetInt32());
        Assert.Equal(JsonValueKind.Null, metric.GetProperty("value").ValueKind);
        Assert.Equal("unknown_alias", metric.GetProperty("error").GetString());
        Assert.Equal(1, _factory.UnresolvedMetrics);
    }

    [Fact]
    public void ProtobufFormat_ForwardsTheBytesAsReceived()
    {
        var factory = new KafkaRecordFactory(new TopicRouter(TopicRouter.DefaultRoutes), "dead.letters", SparkplugValueFormat.Protobuf, 1024, deadLetterExcerptBytes: 16);
        var bytes = SparkplugPayloadEncoder.CreatePayload(Received, 0).ToByteArray();

        Assert.Equal(bytes, factory.Create("spBv1.0/G/NDATA/e", Bytes(bytes), 0, Received)!.Value);
    }

    [Fact]
    public void Lwm2mMessage_IsForwardedAsReceived_KeyedByEndpoint()
    {
        var payload = Encoding.UTF8.GetBytes("""{"lifetime":60,"version":"1.2"}""");

        var record = _factory.Create("lwm2m/dev-9/reg", Bytes(payload), 1, Received)!;

        Assert.Equal(TopicRouter.RegistrationTopic, record.Topic);
        Assert.Equal("dev-9", record.Key);
        Assert.Equal(payload, record.Value);
        Assert.Equal("reg", Header(record, KafkaRecordFactory.MessageTypeHeader));
        Assert.Equal("1", Header(record, KafkaRecordFactory.QosHeader));
        Assert.False(record.IsDeadLetter);
    }

    [Theory]
    [InlineData("spBv1.0/G/NDATA/e", new byte[] { 0xFF, 0xFF, 0xFF }, "malformed_protobuf")]
    [InlineData("spBv1.0/STATE/host", new byte[] { (byte)'O', (byte)'N' }, "invalid_state_payload")]
    [InlineData("spBv1.0/G/BOGUS/e", new byte[] { 0x08, 0x01 }, "topic_unknown_message_type")]
    [InlineData("lwm2m/dev/update", new byte[] { (byte)'{', (byte)'x' }, "invalid_json")]
    public void UndecodablePayload_BecomesADeadLetter_WithTheRawBytesAndTheReason(string topic, byte[] payload, string reason)
    {
        var record = _factory.Create(topic, Bytes(payload), 1, Received)!;

        Assert.Equal("dead.letters", record.Topic);
        Assert.Equal(payload, record.Value);
        Assert.Equal(reason, record.DeadLetterReason);
        Assert.Equal(reason, Header(record, KafkaRecordFactory.DeadLetterReasonHeader));
        Assert.Equal(topic, Header(record, KafkaRecordFactory.TopicHeader));
    }

    [Fact]
    public void UnroutedTopic_MakesNoRecord()
    {
        Assert.Null(_factory.Create("lwm2m/dev/resp/1", Bytes([]), 1, Received));
    }

    [Fact]
    public void RefusedRecord_BecomesADeadLetterOfTheRawPayload()
    {
        var data = SparkplugPayloadEncoder.CreatePayload(Received, 0).ToByteArray();
        var record = _factory.Create("spBv1.0/G/NDATA/e", Bytes(data), 0, Received)!;

        var dead = _factory.ToDeadLetter(record, "msg_size_too_large");

        Assert.Equal("dead.letters", dead.Topic);
        Assert.Equal(data, dead.Value);
        Assert.Equal("msg_size_too_large", Header(dead, KafkaRecordFactory.DeadLetterReasonHeader));
        Assert.Equal("NDATA", Header(dead, KafkaRecordFactory.MessageTypeHeader));
        Assert.Equal(TopicRouter.SparkplugTopic, Header(dead, KafkaRecordFactory.OriginalTopicHeader));
    }

    [Fact]
    public void OversizePayload_BecomesADeadLetterOfABoundedExcerpt_WithTheWholePayloadsSizeAndHash()
    {
        var payload = Encoding.UTF8.GetBytes("{\"blob\":\"" + new string('x', 2000) + "\"}");

        var record = _factory.Create("lwm2m/dev/send", Bytes(payload), 1, Received)!;

        Assert.Equal("dead.letters", record.Topic);
        Assert.Equal("payload_too_large", record.DeadLetterReason);
        Assert.Equal(payload[..16], record.Value);
        Assert.Equal(payload.Length.ToString(CultureInfo.InvariantCulture), Header(record, KafkaRecordFactory.PayloadBytesHeader));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), Header(record, KafkaRecordFactory.PayloadSha256Header));
        Assert.Equal(TopicRouter.UpdatesTopic, Header(record, KafkaRecordFactory.OriginalTopicHeader));
        Assert.Equal(payload, record.MqttPayload);
    }

    static ReadOnlySequence<byte> Bytes(byte[] bytes) => new(bytes);

    static string Header(BridgeRecord record, string name) => Encoding.UTF8.GetString(record.Headers.Single(h => h.Key == name).Value);
}
