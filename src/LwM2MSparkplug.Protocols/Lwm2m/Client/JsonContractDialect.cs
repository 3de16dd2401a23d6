using System.Buffers;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Links;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Mqtt;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// The project's JSON wire contract (docs/lwm2m-over-mqtt.md), client side: <c>lwm2m/{ep}/…</c> topics, JSON
/// envelopes, SenML JSON content, correlation by the request id in the topic.
/// </summary>
public sealed class JsonContractDialect : ILwm2mClientDialect
{
    public const string DialectName = "json";
    const string Protocol = "lwm2m";

    readonly string _endpoint;
    readonly string _registerTopic;
    readonly string _updateTopic;
    readonly string _deregisterTopic;

    public JsonContractDialect(string endpoint)
    {
        if (Lwm2mTopic.ValidateEndpoint(endpoint) != Lwm2mTopicError.None)
        {
            throw new ArgumentException($"'{endpoint}' is not a valid endpoint name.", nameof(endpoint));
        }
        _endpoint = endpoint;
        _registerTopic = Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Register).ToString();
        _updateTopic = Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Update).ToString();
        _deregisterTopic = Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Deregister).ToString();
        Subscriptions =
        [
            new($"{Lwm2mTopic.Prefix}/{endpoint}/cmd/+", QualityOfService.AtLeastOnce),
            new(Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.RegisterAck).ToString(), QualityOfService.AtLeastOnce),
            new(Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.UpdateAck).ToString(), QualityOfService.AtLeastOnce),
            new(Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.DeregisterAck).ToString(), QualityOfService.AtLeastOnce),
            new($"{Lwm2mTopic.Prefix}/{endpoint}/send/+/ack", QualityOfService.AtLeastOnce),
        ];
    }

    public string Name => DialectName;

    public IReadOnlyList<TopicSubscription> Subscriptions { get; }

    public OutboundMessage Register(Lwm2mClientRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var values = new Dictionary<Lwm2mPath, JsonElement>();
        foreach (var value in registration.Values)
        {
            values[value.Path] = ToJson(value);
        }
        var request = new RegisterRequest(registration.Endpoint, registration.Lifetime, registration.Version, registration.BindingMode,
            new Lwm2mObjectList(registration.ObjectLinks, values) { Versions = registration.ObjectVersions })
        {
            QueueMode = registration.QueueMode,
        };
        return Message(_registerTopic, Lwm2mMessageWriter.WriteRegister(request), "register");
    }

    public OutboundMessage Update(Lwm2mClientUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var objects = update.ObjectLinks is { } links ? new Lwm2mObjectList(links, new Dictionary<Lwm2mPath, JsonElement>()) { Versions = update.ObjectVersions } : null;
        return Message(_updateTopic, Lwm2mMessageWriter.WriteUpdate(new UpdateRequest(update.Lifetime, update.BindingMode, objects)), "update");
    }

    public OutboundMessage Deregister() => Message(_deregisterTopic, ReadOnlyMemory<byte>.Empty, "deregister");

    public OutboundMessage Respond(string correlation, Lwm2mClientResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var payload = Lwm2mEnvelopeCodec.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("code", response.Code.ToString());
            if (response.Location is { } location)
            {
                writer.WriteString("location", location.ToString());
            }
            if (response.Links is { } links)
            {
                writer.WriteString("format", Lwm2mContentFormat.Link.ToWire());
                writer.WriteString("payload", CoreLinkFormat.Format(links));
            }
            else if (response.Values is { } values)
            {
                WriteContent(writer, response.Format ?? Lwm2mContentFormat.SenmlJson, values);
            }
            if (response.Error is not null)
            {
                writer.WriteString("error", response.Error);
            }
            writer.WriteEndObject();
        });
        return Message(Lwm2mTopic.Create(_endpoint, Lwm2mTopicKind.Response, correlation).ToString(), payload, "response");
    }

    /// <summary>A notification at QoS 1, or QoS 0 when not confirmable (<c>con</c> 0): MQTT's counterpart of a CoAP NON.</summary>
    public OutboundMessage Notify(string observationId, IReadOnlyList<Lwm2mResourceValue> values, bool confirmable) =>
        Message(Lwm2mTopic.Create(_endpoint, Lwm2mTopicKind.Notify, observationId).ToString(), Body(values), "notify",
            confirmable ? QualityOfService.AtLeastOnce : QualityOfService.AtMostOnce);

    /// <summary>A Send on <c>lwm2m/{ep}/send/{sendId}</c> (contract version 2), which the server acknowledges.</summary>
    public OutboundMessage Send(IReadOnlyList<Lwm2mResourceValue> values, string sendId) =>
        Message(Lwm2mTopic.Create(_endpoint, Lwm2mTopicKind.Send, sendId).ToString(), Body(values), "send");

    public Lwm2mClientInbound Decode(string topic, ReadOnlySequence<byte> payload, int maxPayloadBytes, Lwm2mDeviceModel model)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!Lwm2mTopic.TryParse(topic, out var parsed, out _) || parsed.Endpoint != _endpoint)
        {
            return Lwm2mClientInbound.NotLwm2m;
        }
        var tooLarge = payload.Length > maxPayloadBytes
            ? $"the message is {payload.Length} bytes; this client takes at most {maxPayloadBytes}"
            : null;
        switch (parsed.Kind)
        {
            case Lwm2mTopicKind.Command when tooLarge is not null:
                return new Lwm2mClientInbound(Lwm2mClientInboundKind.InvalidRequest) { Correlation = parsed.Id, Error = tooLarge, Reason = Lwm2mClientReason.PayloadTooLarge };
            case Lwm2mTopicKind.Command:
                return TryReadRequest(payload, model, out var request, out var error)
                    ? new Lwm2mClientInbound(Lwm2mClientInboundKind.Request) { Correlation = parsed.Id, Request = request }
                    : new Lwm2mClientInbound(Lwm2mClientInboundKind.InvalidRequest) { Correlation = parsed.Id, Error = error, Reason = Lwm2mClientReason.MalformedRequest };
            case Lwm2mTopicKind.RegisterAck or Lwm2mTopicKind.UpdateAck or Lwm2mTopicKind.DeregisterAck or Lwm2mTopicKind.SendAck when tooLarge is not null:
                return new Lwm2mClientInbound(Lwm2mClientInboundKind.Invalid) { Error = tooLarge, Reason = Lwm2mClientReason.PayloadTooLarge };
            case Lwm2mTopicKind.RegisterAck or Lwm2mTopicKind.UpdateAck or Lwm2mTopicKind.DeregisterAck or Lwm2mTopicKind.SendAck:
                if (Lwm2mEnvelopeCodec.TryParseResponse(payload, codeRequired: true, out var ack) is { IsError: true } ackError)
                {
                    return new Lwm2mClientInbound(Lwm2mClientInboundKind.Invalid) { Error = ackError.Detail, Reason = Lwm2mClientReason.MalformedAcknowledgement };
                }
                var kind = parsed.Kind switch
                {
                    Lwm2mTopicKind.RegisterAck => Lwm2mClientInboundKind.RegisterAcknowledgement,
                    Lwm2mTopicKind.UpdateAck => Lwm2mClientInboundKind.UpdateAcknowledgement,
                    Lwm2mTopicKind.DeregisterAck => Lwm2mClientInboundKind.DeregisterAcknowledgement,
                    _ => Lwm2mClientInboundKind.SendAcknowledgement,
                };
                return new Lwm2mClientInbound(kind) { Correlation = parsed.Id, Code = ack.Code, RegistrationId = ack.RegistrationId, Error = ack.Error };
            default:
                // The client's own publications (reg, send, …) are not for it.
                return Lwm2mClientInbound.NotLwm2m;
        }
    }

    static bool TryReadRequest(ReadOnlySequence<byte> payload, Lwm2mDeviceModel model, out Lwm2mClientRequest request, out string error)
    {
        request = null!;
        if (!Lwm2mEnvelopeCodec.TryParseRequest(payload, out var envelope, out error))
        {
            return false;
        }
        request = new Lwm2mClientRequest(envelope.Operation)
        {
            Path = envelope.Path,
            Paths = envelope.Paths ?? [],
            Accept = envelope.Accept,
            Arguments = envelope.Arguments,
            ObservationId = envelope.ObservationId,
            Depth = envelope.Depth,
        };
        if (request.ObservationId is { } observationId && Lwm2mTopic.ValidateEndpoint(observationId) != Lwm2mTopicError.None)
        {
            // It becomes a topic level of every notification: one that cannot be would fail each of them.
            error = "'observationId' must be 1 to 128 characters, none of '+', '/', '#'";
            return false;
        }
        if (envelope.Operation is Lwm2mOperation.Write or Lwm2mOperation.Create or Lwm2mOperation.WriteComposite)
        {
            // Create content names the new instance's resources, Write-Composite's records their full paths: both
            // are read without a target path.
            var target = envelope.Operation == Lwm2mOperation.Write ? envelope.Path : null;
            if (!Lwm2mContent.TryReadValues(target, envelope.Format ?? Lwm2mContentFormat.SenmlJson, envelope.Payload!.Value, model, out var values, out error))
            {
                return false;
            }
            if (values.FirstOrDefault(v => v.Value is double number && !double.IsFinite(number)) is { } nonFinite)
            {
                // SenML JSON, in which the device reads and reports its values, has no NaN or Infinity.
                error = $"{nonFinite.Path}: {Lwm2mValueConverter.ToText(nonFinite)} is not a number this device can hold";
                return false;
            }
            request = request with { Values = values };
        }
        if (envelope.Operation == Lwm2mOperation.WriteAttributes)
        {
            if (!NotificationAttributes.TryReadChanges(envelope.Attributes!.Value, out var attributes, out error))
            {
                return false;
            }
            request = request with { Attributes = attributes };
        }
        return true;
    }

    static ReadOnlyMemory<byte> Body(IReadOnlyList<Lwm2mResourceValue> values) =>
        Lwm2mEnvelopeCodec.Write(writer =>
        {
            writer.WriteStartObject();
            WriteContent(writer, Lwm2mContentFormat.SenmlJson, values);
            writer.WriteEndObject();
        });

    static void WriteContent(Utf8JsonWriter writer, Lwm2mContentFormat format, IReadOnlyList<Lwm2mResourceValue> values)
    {
        writer.WriteString("format", format.ToWire());
        writer.WritePropertyName("payload");
        Lwm2mContent.Write(writer, values, format);
    }

    static JsonElement ToJson(Lwm2mResourceValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Lwm2mValueConverter.WriteJson(writer, value);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    static OutboundMessage Message(string topic, ReadOnlyMemory<byte> payload, string messageType, QualityOfService qualityOfService = QualityOfService.AtLeastOnce) =>
        new(topic, payload, qualityOfService, Retain: false, Protocol, messageType);
}
