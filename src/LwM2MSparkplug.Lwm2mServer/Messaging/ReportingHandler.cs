using System.Buffers;
using LwM2MSparkplug.Lwm2mServer.Apis;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>
/// The Information Reporting interface (LwM2M 1.2 Core §6.4): Notify for established observations, and Send, of
/// either dialect (the JSON contract's envelopes are read here, the OMA binding's by <see cref="OmaMessageHandler"/>).
/// </summary>
public sealed class ReportingHandler(
    IRegistrationStore store,
    ObservationStore observations,
    EventBuffer events,
    Acknowledgements acknowledgements,
    Lwm2mServerMetrics metrics,
    Lwm2mObjectModel model,
    TimeProvider time,
    ILogger<ReportingHandler> logger)
{
    /// <summary>A Notify of the JSON contract on <c>lwm2m/{ep}/notify/{observationId}</c>.</summary>
    public void Notify(string topic, string endpoint, string observationId, ReadOnlySequence<byte> payload)
    {
        if (TryReadEnvelope(topic, payload) is { } content)
        {
            Notify(topic, endpoint, observationId, content);
        }
    }

    /// <summary>A Notify of either dialect; false when no observation of the device has this id (counted as invalid).</summary>
    public bool Notify(string topic, string endpoint, string observationId, ReportContent content)
    {
        if (!observations.TryGet(observationId, out var observation) || observation.Endpoint != endpoint)
        {
            Reject(topic, "unknown_observation", $"no observation '{observationId}' of '{endpoint}'");
            return false;
        }
        var deviceModel = ModelOf(endpoint);
        // A single-value format (text, opaque, cbor) names no path: it is the value of the one observed resource.
        Lwm2mPath? target = observation.IsComposite ? null : observation.Paths[0];
        if (!content.TryReadValues(target, deviceModel, out var values, out var error))
        {
            Reject(topic, "invalid_values", error);
            return true;
        }
        var now = time.GetUtcNow();
        observation.Notifications++;
        observation.LastNotificationAt = now;
        metrics.Notifications.Inc();
        var views = ResourceValueView.From(values, deviceModel, now);
        Record(Lwm2mEventTypes.Notification, endpoint, now, observation.IsComposite
            ? new { ObservationId = observationId, Paths = observation.Paths.Select(p => p.ToString()).ToList(), Values = views }
            : new { ObservationId = observationId, Path = observation.Paths[0].ToString(), Values = views });
        return true;
    }

    /// <summary>A Send of the JSON contract; one with an id (contract version 2, <c>lwm2m/{ep}/send/{sendId}</c>) is acknowledged.</summary>
    public void Send(string topic, string endpoint, string? sendId, ReadOnlySequence<byte> payload)
    {
        DeviceReply reply = sendId is null ? _ => { } : response => acknowledgements.Publish(endpoint, Lwm2mTopicKind.SendAck, response, sendId);
        if (TryReadEnvelope(topic, payload) is { } content)
        {
            Send(topic, endpoint, sendId, content, reply);
        }
        else
        {
            reply(Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, "the Send is not a readable envelope"));
        }
    }

    /// <summary>A Send of either dialect, answered through <paramref name="reply"/>.</summary>
    public void Send(string topic, string endpoint, string? sendId, ReportContent content, DeviceReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!store.TryGet(endpoint, out _))
        {
            Reject(topic, "unknown_endpoint", $"'{endpoint}' is not registered");
            reply(Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"'{endpoint}' is not registered; register first"));
            return;
        }
        if (!content.IsSendFormat)
        {
            // LwM2M 1.2 Core §6.4.6: Send carries SenML JSON, SenML CBOR or LwM2M CBOR.
            var why = $"a Send carries senml+json, senml+cbor or lwm2m+cbor, not {content.Format.ToWire()}";
            Reject(topic, "unsupported_format", why);
            reply(Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, why));
            return;
        }
        var deviceModel = ModelOf(endpoint);
        if (!content.TryReadValues(null, deviceModel, out var values, out var error))
        {
            Reject(topic, "invalid_values", error);
            reply(Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, error));
            return;
        }
        var now = time.GetUtcNow();
        metrics.Sends.Inc();
        Record(Lwm2mEventTypes.Send, endpoint, now, new { SendId = sendId, Values = ResourceValueView.From(values, deviceModel, now) });
        reply(new Lwm2mResponse(Lwm2mResultCode.Changed));
    }

    Lwm2mDeviceModel ModelOf(string endpoint) => store.ModelOf(model, endpoint);

    /// <summary>The content of a JSON contract report; null, counted and logged, when the envelope has none.</summary>
    ReportContent? TryReadEnvelope(string topic, ReadOnlySequence<byte> payload)
    {
        var parsed = Lwm2mEnvelopeCodec.TryParseResponse(payload, codeRequired: false, out var body);
        if (parsed.IsError)
        {
            Reject(topic, ReasonNames.Of(parsed.Reason), parsed.Detail);
            return null;
        }
        if (body.Payload is not { } json || body.Format is not { } format)
        {
            Reject(topic, "missing_content", "a report carries \"format\" and \"payload\", e.g. senml+json and a SenML array");
            return null;
        }
        return ReportContent.FromJson(format, json);
    }

    void Record(string type, string endpoint, DateTimeOffset timestamp, object data)
    {
        events.Append(type, endpoint, timestamp, data);
        metrics.Events.WithLabels(type).Inc();
    }

    void Reject(string topic, string reason, string detail)
    {
        metrics.InvalidMessages.WithLabels(reason).Inc();
        Log.Rejected(logger, topic, reason, detail);
    }
}
