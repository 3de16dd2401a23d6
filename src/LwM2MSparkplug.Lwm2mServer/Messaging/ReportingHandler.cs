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
using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>The Information Reporting interface (LwM2M 1.2 Core §6.4): Notify for established observations, and Send.</summary>
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
    public void Notify(string topic, string endpoint, string observationId, ReadOnlySequence<byte> payload)
    {
        if (!observations.TryGet(observationId, out var observation) || observation.Endpoint != endpoint)
        {
            Reject(topic, "unknown_observation", $"no observation '{observationId}' of '{endpoint}'");
            return;
        }
        var deviceModel = ModelOf(endpoint);
        if (TryReadValues(topic, payload, deviceModel, out var values) is not null)
        {
            return;
        }
        var now = time.GetUtcNow();
        observation.Notifications++;
        observation.LastNotificationAt = now;
        metrics.Notifications.Inc();
        var views = ResourceValueView.From(values, deviceModel, now);
        Record(Lwm2mEventTypes.Notification, endpoint, now, observation.IsComposite
            ? new { ObservationId = observationId, Paths = observation.Paths.Select(p => p.ToString()).ToList(), Values = views }
            : new { ObservationId = observationId, Path = observation.Paths[0].ToString(), Values = views });
    }

    /// <summary>A Send; one with an id (contract version 2, <c>lwm2m/{ep}/send/{sendId}</c>) is acknowledged.</summary>
    public void Send(string topic, string endpoint, string? sendId, ReadOnlySequence<byte> payload)
    {
        if (!store.TryGet(endpoint, out _))
        {
            Reject(topic, "unknown_endpoint", $"'{endpoint}' is not registered");
            Acknowledge(endpoint, sendId, Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"'{endpoint}' is not registered; register first"));
            return;
        }
        var deviceModel = ModelOf(endpoint);
        if (TryReadValues(topic, payload, deviceModel, out var values) is { } refusal)
        {
            Acknowledge(endpoint, sendId, Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, refusal));
            return;
        }
        var now = time.GetUtcNow();
        metrics.Sends.Inc();
        Record(Lwm2mEventTypes.Send, endpoint, now, new { SendId = sendId, Values = ResourceValueView.From(values, deviceModel, now) });
        Acknowledge(endpoint, sendId, new Lwm2mResponse(Lwm2mResultCode.Changed));
    }

    void Acknowledge(string endpoint, string? sendId, Lwm2mResponse response)
    {
        if (sendId is not null)
        {
            acknowledgements.Publish(endpoint, Lwm2mTopicKind.SendAck, response, sendId);
        }
    }

    Lwm2mDeviceModel ModelOf(string endpoint) => store.ModelOf(model, endpoint);

    /// <summary>The values of a report; null when readable, else why not (counted and logged).</summary>
    string? TryReadValues(string topic, ReadOnlySequence<byte> payload, Lwm2mDeviceModel deviceModel, out IReadOnlyList<Lwm2mResourceValue> values)
    {
        values = [];
        var parsed = Lwm2mEnvelopeCodec.TryParseResponse(payload, codeRequired: false, out var body);
        if (parsed.IsError)
        {
            return Reject(topic, ReasonNames.Of(parsed.Reason), parsed.Detail);
        }
        if (body.Payload is not { } content || body.Format is not Lwm2mContentFormat.SenmlJson)
        {
            // LwM2M 1.2 Core §6.4.6: Send carries SenML (or LwM2M CBOR); so do this contract's notifications.
            return Reject(topic, "unsupported_format", "reports carry \"format\":\"senml+json\" and a SenML payload");
        }
        if (!Lwm2mContent.TryReadValues(null, Lwm2mContentFormat.SenmlJson, content, deviceModel, out values, out var error))
        {
            return Reject(topic, "invalid_values", error);
        }
        return null;
    }

    void Record(string type, string endpoint, DateTimeOffset timestamp, object data)
    {
        events.Append(type, endpoint, timestamp, data);
        metrics.Events.WithLabels(type).Inc();
    }

    string Reject(string topic, string reason, string detail)
    {
        metrics.InvalidMessages.WithLabels(reason).Inc();
        Log.Rejected(logger, topic, reason, detail);
        return detail;
    }
}
