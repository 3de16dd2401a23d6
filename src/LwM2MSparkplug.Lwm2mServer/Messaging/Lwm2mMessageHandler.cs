using System.Buffers;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>
/// The server's receive path: checks topic and size, then hands each message to the interface it belongs to.
/// Invalid input is logged with its topic and reason, counted, and dropped; it never throws.
/// </summary>
public sealed class Lwm2mMessageHandler(
    RegistrationHandler registration,
    ReportingHandler reporting,
    OmaMessageHandler oma,
    DeviceResponses responses,
    PendingRequests pending,
    QueueModeWakeups wakeups,
    SparkplugPresence presence,
    DeviceMessageRates rates,
    Lwm2mServerMetrics metrics,
    IOptions<Lwm2mServerOptions> options,
    TimeProvider time,
    ILogger<Lwm2mMessageHandler> logger)
{
    readonly int _maxPayloadBytes = options.Value.MaxPayloadBytes;
    readonly string? _omaPrefix = string.IsNullOrEmpty(options.Value.OmaPrefix) ? null : options.Value.OmaPrefix;

    public Task HandleAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Handle(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload);
        return Task.CompletedTask;
    }

    public void Handle(string topic, ReadOnlySequence<byte> payload)
    {
        if (topic.StartsWith(SparkplugTopic.Namespace + "/", StringComparison.Ordinal))
        {
            HandleSparkplug(topic, payload);
            return;
        }
        if (OmaTopic.TryParse(topic, _omaPrefix, out var omaTopic, out var omaError)
            // Without a prefix lwm2m/rd/{x} may also be a JSON device named rd: the payload decides (DialectTopicOverlap).
            && (_omaPrefix is not null || !Lwm2mTopic.TryParse(topic, out _, out _) || DialectTopicOverlap.IsOmaEnvelope(payload)))
        {
            HandleOma(topic, omaTopic, payload);
            return;
        }
        if (omaError == OmaTopicError.InvalidEndpoint)
        {
            Reject(topic, "oma_topic_" + ReasonNames.Of(omaError), "not a topic of the OMA binding: the endpoint level is empty or holds '+' or '#'");
            return;
        }
        if (!Lwm2mTopic.TryParse(topic, out var parsed, out var topicError))
        {
            Reject(topic, "topic_" + ReasonNames.Of(topicError), $"not an LwM2M topic ({topicError})");
            return;
        }
        if (payload.Length > _maxPayloadBytes)
        {
            RefuseTooLarge(topic, parsed, payload.Length);
            return;
        }
        switch (parsed.Kind)
        {
            case Lwm2mTopicKind.Register:
                metrics.Messages.WithLabels("register").Inc();
                registration.Register(topic, parsed.Endpoint, payload);
                break;
            case Lwm2mTopicKind.Update:
                metrics.Messages.WithLabels("update").Inc();
                registration.Update(topic, parsed.Endpoint, payload);
                break;
            case Lwm2mTopicKind.Deregister:
                metrics.Messages.WithLabels("deregister").Inc();
                registration.Deregister(topic, parsed.Endpoint, payload);
                break;
            case Lwm2mTopicKind.Response:
                metrics.Messages.WithLabels("response").Inc();
                HandleResponse(topic, parsed.Endpoint, parsed.Id!, payload);
                break;
            case Lwm2mTopicKind.Notify:
                metrics.Messages.WithLabels("notify").Inc();
                reporting.Notify(topic, parsed.Endpoint, parsed.Id!, payload);
                break;
            case Lwm2mTopicKind.Send:
                metrics.Messages.WithLabels("send").Inc();
                reporting.Send(topic, parsed.Endpoint, parsed.Id, payload);
                break;
            default:
                // Server-to-device topics (commands, acknowledgements) are ours; nothing to do.
                return;
        }
        rates.Record(parsed.Endpoint, time.GetUtcNow());
        // Any message from a device shows it awake (Core §6.5); after the Register, which may have just put it in queue mode.
        if (parsed.Kind != Lwm2mTopicKind.Deregister)
        {
            wakeups.Heard(parsed.Endpoint);
        }
    }

    void HandleOma(string topic, OmaTopic parsed, ReadOnlySequence<byte> payload)
    {
        if (parsed.Interface == OmaInterface.Bootstrap)
        {
            Reject(topic, "oma_bootstrap_not_served", "this server is not a bootstrap server: devices are provisioned with its address and register on lwm2m/rd/{ep}");
            return;
        }
        if (payload.Length > _maxPayloadBytes)
        {
            var detail = $"the payload of {payload.Length} bytes is too large: the server reads at most {_maxPayloadBytes} bytes (Lwm2mServer:MaxPayloadBytes, LWM2M_MAX_PAYLOAD_BYTES); send less, or raise that limit";
            Reject(topic, ReasonNames.Of(Lwm2mMessageError.PayloadTooLarge), detail);
            oma.RefuseTooLarge(topic, parsed, payload, detail);
            return;
        }
        if (oma.Handle(topic, parsed, payload))
        {
            rates.Record(parsed.Endpoint, time.GetUtcNow());
            wakeups.Heard(parsed.Endpoint);
        }
    }

    void HandleResponse(string topic, string endpoint, string requestId, ReadOnlySequence<byte> payload)
    {
        if (!responses.TryMatch(topic, endpoint, requestId, out var operation))
        {
            return;
        }
        var parsed = Lwm2mEnvelopeCodec.TryParseResponse(payload, codeRequired: true, out var response);
        responses.Complete(topic, requestId, operation, operation.SuccessCode(), parsed.IsError ? null : response, ReasonNames.Of(parsed.Reason), parsed.Detail);
    }

    /// <summary>
    /// A payload past <c>MaxPayloadBytes</c> is not read, but whoever waits on it is told at once: a Register or Update
    /// is answered on its ack topic, a response fails its REST request. Notify, Send and De-register have no answer.
    /// </summary>
    void RefuseTooLarge(string topic, Lwm2mTopic parsed, long size)
    {
        var detail = $"the payload of {size} bytes is too large: the server reads at most {_maxPayloadBytes} bytes (Lwm2mServer:MaxPayloadBytes, LWM2M_MAX_PAYLOAD_BYTES); send less, or raise that limit";
        Reject(topic, ReasonNames.Of(Lwm2mMessageError.PayloadTooLarge), detail);
        switch (parsed.Kind)
        {
            case Lwm2mTopicKind.Register:
                registration.RefuseTooLarge(parsed.Endpoint, Lwm2mTopicKind.RegisterAck, detail);
                break;
            case Lwm2mTopicKind.Update:
                registration.RefuseTooLarge(parsed.Endpoint, Lwm2mTopicKind.UpdateAck, detail);
                break;
            case Lwm2mTopicKind.Response when pending.TryMatch(parsed.Endpoint, parsed.Id!, out _) == PendingMatch.Waiting:
                pending.TryComplete(parsed.Id!, DeviceAnswer.NotAResponse(detail));
                break;
            default:
                break;
        }
    }

    void HandleSparkplug(string topic, ReadOnlySequence<byte> payload)
    {
        if (!SparkplugTopic.TryParse(topic, out var parsed)
            || SparkplugPayloadDecoder.TryParse(payload, _maxPayloadBytes, out var decoded) != SparkplugDecodeError.None)
        {
            // The Sparkplug host counts bad Sparkplug input; here it only means no presence change.
            return;
        }
        if (presence.Apply(parsed, decoded, time.GetUtcNow()))
        {
            registration.MarkOffline(parsed.EdgeNodeId);
        }
    }

    void Reject(string topic, string reason, string detail)
    {
        metrics.InvalidMessages.WithLabels(reason).Inc();
        Log.Rejected(logger, topic, reason, detail);
    }
}
