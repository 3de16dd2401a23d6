using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.ServiceDefaults;

namespace LwM2MSparkplug.KafkaBridge.Records;

/// <summary>
/// Turns MQTT messages into Kafka records: the route decides the topic; the key is the device (Sparkplug edge node
/// id, LwM2M endpoint) so a device's records share a partition; headers carry the MQTT topic, QoS, receive time and
/// message type. Sparkplug payloads become JSON with aliases resolved from the births seen so far; the OMA binding's
/// CBOR envelopes become JSON too (<see cref="OmaJsonMessageWriter"/>), routed by their operation
/// (<see cref="OmaRoutingTopic"/>), and the server's own requests on the binding's shared topic are skipped; what
/// cannot be read becomes a dead letter: the first <paramref name="deadLetterExcerptBytes"/> bytes of the payload, with headers
/// giving the reason, the payload's full size and SHA-256, and the Kafka topic it was routed to, so that the dead
/// letter stays small enough for Kafka whatever arrived.
/// </summary>
/// <remarks>Not thread-safe: the MQTT receive path calls it one message at a time.</remarks>
public sealed class KafkaRecordFactory(TopicRouter router, string deadLetterTopic, SparkplugValueFormat sparkplugFormat, int maxPayloadBytes, int deadLetterExcerptBytes)
{
    public const string TopicHeader = "mqtt_topic";
    public const string QosHeader = "mqtt_qos";
    public const string ReceivedAtHeader = "received_at";
    public const string MessageTypeHeader = "message_type";
    public const string DeadLetterReasonHeader = "dead_letter_reason";
    public const string PayloadBytesHeader = "payload_bytes";
    public const string PayloadSha256Header = "payload_sha256";
    public const string OriginalTopicHeader = "original_kafka_topic";

    static readonly HashSet<string> DeadLetterHeaders = [DeadLetterReasonHeader, PayloadBytesHeader, PayloadSha256Header, OriginalTopicHeader];

    readonly Dictionary<(string GroupId, string EdgeNodeId), MetricDirectory> _directories = [];
    readonly ArrayBufferWriter<byte> _buffer = new(1024);

    /// <summary>Metrics written with <c>"value":null</c> because no birth declared their alias or the value could not be read.</summary>
    public long UnresolvedMetrics { get; private set; }

    public string DeadLetterTopic => deadLetterTopic;

    /// <summary>The record for a message, or null when no route matches it.</summary>
    public BridgeRecord? Create(string mqttTopic, ReadOnlySequence<byte> payload, int qualityOfService, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(mqttTopic);
        if (IsOmaMessage(mqttTopic, payload, out var oma))
        {
            return CreateOma(mqttTopic, oma, payload.ToArray(), qualityOfService, receivedAt);
        }
        var kafkaTopic = router.Route(mqttTopic);
        if (kafkaTopic is null)
        {
            return null;
        }
        var raw = payload.ToArray();
        if (SparkplugTopic.TryParse(mqttTopic, out var sparkplug, out var sparkplugError))
        {
            var headers = Headers(mqttTopic, qualityOfService, receivedAt, SparkplugTopic.ToLevel(sparkplug.MessageType));
            return CreateSparkplug(kafkaTopic, sparkplug, raw, headers);
        }
        if (Lwm2mTopic.TryParse(mqttTopic, out var lwm2m, out _))
        {
            var headers = Headers(mqttTopic, qualityOfService, receivedAt, Lwm2mMessageType(lwm2m.Kind));
            if (raw.Length > maxPayloadBytes)
            {
                return DeadLetter(kafkaTopic, lwm2m.Endpoint, raw, headers, "payload_too_large");
            }
            return raw.Length == 0 || IsJson(raw)
                ? new BridgeRecord(kafkaTopic, lwm2m.Endpoint, raw, headers, raw)
                : DeadLetter(kafkaTopic, lwm2m.Endpoint, raw, headers, "invalid_json");
        }
        var unknownHeaders = Headers(mqttTopic, qualityOfService, receivedAt, "unknown");
        var reason = mqttTopic.StartsWith(SparkplugTopic.Namespace + "/", StringComparison.Ordinal)
            ? "topic_" + ReasonNames.Of(sparkplugError)
            : "unknown_topic";
        return DeadLetter(kafkaTopic, mqttTopic, raw, unknownHeaders, reason);
    }

    /// <summary>A dead letter for a record Kafka refused: an excerpt of the MQTT payload, the original headers and the reason.</summary>
    public BridgeRecord ToDeadLetter(BridgeRecord refused, string reason)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return DeadLetter(refused.Topic, refused.Key, refused.MqttPayload, refused.Headers, reason);
    }

    /// <summary>Learns a birth certificate without forwarding it (the birth copy of a shared-subscription replica).</summary>
    public void Learn(string mqttTopic, ReadOnlySequence<byte> payload)
    {
        if (SparkplugTopic.TryParse(mqttTopic, out var topic)
            && topic.MessageType is SparkplugMessageType.NBirth or SparkplugMessageType.DBirth
            && SparkplugPayloadDecoder.TryParse(payload, maxPayloadBytes, out var parsed) == SparkplugDecodeError.None)
        {
            LearnBirth(topic, parsed);
        }
    }

    BridgeRecord CreateSparkplug(string kafkaTopic, SparkplugTopic topic, byte[] raw, List<KeyValuePair<string, byte[]>> headers)
    {
        var key = topic.EdgeNodeId;
        if (topic.MessageType == SparkplugMessageType.State)
        {
            return HostState.TryParse(new ReadOnlySequence<byte>(raw), out _)
                ? new BridgeRecord(kafkaTopic, key, raw, headers, raw)
                : DeadLetter(kafkaTopic, key, raw, headers, "invalid_state_payload");
        }
        var decodeError = SparkplugPayloadDecoder.TryParse(new ReadOnlySequence<byte>(raw), maxPayloadBytes, out var payload);
        if (decodeError != SparkplugDecodeError.None)
        {
            return DeadLetter(kafkaTopic, key, raw, headers, ReasonNames.Of(decodeError));
        }
        LearnBirth(topic, payload);
        if (sparkplugFormat == SparkplugValueFormat.Protobuf)
        {
            return new BridgeRecord(kafkaTopic, key, raw, headers, raw);
        }
        _directories.TryGetValue((topic.GroupId, topic.EdgeNodeId), out var directory);
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, JsonDefaults.WriterOptions))
        {
            UnresolvedMetrics += SparkplugJsonPayloadWriter.Write(writer, topic, payload, directory);
        }
        return new BridgeRecord(kafkaTopic, key, _buffer.WrittenSpan.ToArray(), headers, raw);
    }

    /// <summary>
    /// A message of the OMA binding's <c>[prefix/]lwm2m/rd/{ep}</c>. Without a prefix that is also the JSON contract's
    /// topic of a device named <c>rd</c>; as in the LwM2M server, the payload then decides (<see cref="DialectTopicOverlap"/>).
    /// </summary>
    bool IsOmaMessage(string mqttTopic, ReadOnlySequence<byte> payload, out OmaTopic topic) =>
        OmaTopic.TryParse(mqttTopic, router.OmaPrefix, out topic, out _) && topic.Interface == OmaInterface.Registration
        && (DialectTopicOverlap.IsOmaEnvelope(payload) || !Lwm2mTopic.TryParse(mqttTopic, out _, out _));

    BridgeRecord? CreateOma(string mqttTopic, OmaTopic topic, byte[] raw, int qualityOfService, DateTimeOffset receivedAt)
    {
        var endpoint = topic.Endpoint;
        OmaMessage? message = null;
        var invalid = raw.Length > maxPayloadBytes ? "payload_too_large"
            : OmaEnvelopeCodec.TryRead(raw, OmaInterface.Registration, out message, out var envelopeError) ? null
            : "oma_" + ReasonNames.Of(envelopeError);
        if (invalid is not null)
        {
            // What the envelope shows leniently: a request only the server sends is its own (skipped below too, and
            // never dead-lettered); anything else goes to the dead letters, routed where its kind would have gone.
            var header = OmaEnvelopeHeader.Read(raw);
            if (!header.HasResult && header.OperationCode is { } code && OmaOperationCodes.TryFromWire(code, OmaInterface.Registration, out var operation)
                && !OmaOperationCodes.IsSentByClient(operation))
            {
                return null;
            }
            var shown = OmaRoutingTopic.For(endpoint, header);
            var invalidHeaders = Headers(mqttTopic, qualityOfService, receivedAt, shown is { } shownTopic ? Lwm2mMessageType(shownTopic.Kind) : "unknown");
            var originalTopic = (shown is { } routing ? router.Route(mqttTopic, routing) : router.Route(mqttTopic)) ?? string.Empty;
            return DeadLetter(originalTopic, endpoint, raw, invalidHeaders, invalid);
        }
        // Null for a request only the server sends (!OmaOperationCodes.IsSentByClient): the server's own, which
        // everyone on the shared topic receives. Responses are routed as the JSON contract's lwm2m/{ep}/resp/{token},
        // which the default routes leave out as they leave out the contract's responses. Routed, they hold both the
        // device's answers to the server and the server's answers to the device's Register, Update, De-register and
        // Send: the envelope ({token, result}) cannot tell them apart, and the bridge keeps no state of who asked what
        // (shared-subscription replicas would each see only part of it). The token can: the server's answers repeat
        // the token of the device's request just before them, the device's answers a random 64-bit server token.
        if (OmaRoutingTopic.For(endpoint, message!.Operation, message.Token) is not { } routingTopic)
        {
            return null;
        }
        var kafkaTopic = router.Route(mqttTopic, routingTopic);
        if (kafkaTopic is null)
        {
            return null;
        }
        var headers = Headers(mqttTopic, qualityOfService, receivedAt, Lwm2mMessageType(routingTopic.Kind));
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, JsonDefaults.WriterOptions))
        {
            OmaJsonMessageWriter.Write(writer, endpoint, message);
        }
        return new BridgeRecord(kafkaTopic, endpoint, _buffer.WrittenSpan.ToArray(), headers, raw);
    }

    void LearnBirth(SparkplugTopic topic, Protocols.Sparkplug.Proto.Payload payload)
    {
        if (topic.MessageType is not (SparkplugMessageType.NBirth or SparkplugMessageType.DBirth))
        {
            return;
        }
        var key = (topic.GroupId, topic.EdgeNodeId);
        if (!_directories.TryGetValue(key, out var directory))
        {
            directory = new MetricDirectory();
            _directories.Add(key, directory);
        }
        directory.LearnBirth(topic.MessageType == SparkplugMessageType.NBirth ? null : topic.DeviceId, payload.Metrics);
    }

    BridgeRecord DeadLetter(string originalTopic, string key, byte[] raw, IReadOnlyList<KeyValuePair<string, byte[]>> headers, string reason)
    {
        // A bounded excerpt, so the dead letter of a payload Kafka would refuse is still accepted; size and hash say
        // what the whole was and let it be matched with the publisher's copy.
        var excerpt = raw.Length <= deadLetterExcerptBytes ? raw : raw[..deadLetterExcerptBytes];
        List<KeyValuePair<string, byte[]>> deadLetterHeaders =
        [
            .. headers.Where(h => !DeadLetterHeaders.Contains(h.Key)),
            new(DeadLetterReasonHeader, Encoding.UTF8.GetBytes(reason)),
            new(PayloadBytesHeader, Encoding.UTF8.GetBytes(raw.Length.ToString(CultureInfo.InvariantCulture))),
            new(PayloadSha256Header, Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(raw)))),
            new(OriginalTopicHeader, Encoding.UTF8.GetBytes(originalTopic)),
        ];
        return new(deadLetterTopic, key, excerpt, deadLetterHeaders, raw, reason);
    }

    static List<KeyValuePair<string, byte[]>> Headers(string mqttTopic, int qualityOfService, DateTimeOffset receivedAt, string messageType) =>
    [
        new(TopicHeader, Encoding.UTF8.GetBytes(mqttTopic)),
        new(QosHeader, Encoding.UTF8.GetBytes(qualityOfService.ToString(CultureInfo.InvariantCulture))),
        new(ReceivedAtHeader, Encoding.UTF8.GetBytes(receivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))),
        new(MessageTypeHeader, Encoding.UTF8.GetBytes(messageType)),
    ];

    static string Lwm2mMessageType(Lwm2mTopicKind kind) => kind switch
    {
        Lwm2mTopicKind.Register => "reg",
        Lwm2mTopicKind.Update => "update",
        Lwm2mTopicKind.Deregister => "dereg",
        Lwm2mTopicKind.Send => "send",
        Lwm2mTopicKind.Notify => "notify",
        Lwm2mTopicKind.Response => "resp",
        Lwm2mTopicKind.Command => "cmd",
        _ => "ack",
    };

    static bool IsJson(byte[] bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
            }
            return reader.BytesConsumed == bytes.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
