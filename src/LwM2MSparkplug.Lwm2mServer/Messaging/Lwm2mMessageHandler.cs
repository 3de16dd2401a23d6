using System.Buffers;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
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
    PendingRequests pending,
    QueueModeWakeups wakeups,
    SparkplugPresence presence,
    Lwm2mServerMetrics metrics,
    IOptions<Lwm2mServerOptions> options,
    TimeProvider time,
    ILogger<Lwm2mMessageHandler> logger)
{
    readonly int _maxPayloadBytes = options.Value.MaxPayloadBytes;

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
        // Any message from a device shows it awake (Core §6.5); after the Register, which may have just put it in queue mode.
        if (parsed.Kind != Lwm2mTopicKind.Deregister)
        {
            wakeups.Heard(parsed.Endpoint);
        }
    }

    void HandleResponse(string topic, string endpoint, string requestId, ReadOnlySequence<byte> payload)
    {
        switch (pending.TryMatch(endpoint, requestId, out var operation))
        {
            case PendingMatch.Unknown:
                metrics.UnmatchedResponses.Inc();
                Log.UnmatchedResponse(logger, topic);
                return;
            case PendingMatch.OtherEndpoint:
                // Only the device a request went to may answer it.
                Reject(topic, "response_endpoint_mismatch", $"request '{requestId}' was not sent to '{endpoint}'");
                return;
        }
        var parsed = Lwm2mEnvelopeCodec.TryParseResponse(payload, codeRequired: true, out var response);
        DeviceAnswer answer;
        if (parsed.IsError)
        {
            Reject(topic, ReasonNames.Of(parsed.Reason), parsed.Detail);
            answer = DeviceAnswer.NotAResponse(parsed.Detail);
        }
        else if (response.Code is { IsSuccess: true } code && code != operation.SuccessCode())
        {
            var detail = $"{operation.ToWire()} succeeds with {operation.SuccessCode()}, not {code}";
            Reject(topic, "unexpected_result_code", detail);
            answer = DeviceAnswer.NotAResponse(detail);
        }
        else
        {
            answer = DeviceAnswer.Of(response);
        }
        // An unusable answer fails the waiting request at once instead of leaving it to time out; one already counted
        // as invalid is not counted again when the request timed out in between.
        if (!pending.TryComplete(requestId, answer) && answer.Invalid is null)
        {
            metrics.UnmatchedResponses.Inc();
            Log.UnmatchedResponse(logger, topic);
        }
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
