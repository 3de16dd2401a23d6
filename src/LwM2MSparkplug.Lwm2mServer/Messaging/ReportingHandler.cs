using System.Buffers;
using LwM2MSparkplug.Lwm2mServer.Apis;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>The Information Reporting interface (LwM2M 1.2 Core §6.4): Notify for established observations, and Send.</summary>
public sealed class ReportingHandler(
    IRegistrationStore store,
    ObservationStore observations,
    EventBuffer events,
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
        if (!TryReadValues(topic, payload, deviceModel, out var values))
        {
            return;
        }
        var now = time.GetUtcNow();
        observation.Notifications++;
        observation.LastNotificationAt = now;
        metrics.Notifications.Inc();
        Record(Lwm2mEventTypes.Notification, endpoint, now, new { ObservationId = observationId, Path = observation.Path.ToString(), Values = ResourceValueView.From(values, deviceModel) });
    }

    public void Send(string topic, string endpoint, ReadOnlySequence<byte> payload)
    {
        if (!store.TryGet(endpoint, out _))
        {
            Reject(topic, "unknown_endpoint", $"'{endpoint}' is not registered");
            return;
        }
        var deviceModel = ModelOf(endpoint);
        if (!TryReadValues(topic, payload, deviceModel, out var values))
        {
            return;
        }
        metrics.Sends.Inc();
        Record(Lwm2mEventTypes.Send, endpoint, time.GetUtcNow(), new { Values = ResourceValueView.From(values, deviceModel) });
    }

    Lwm2mDeviceModel ModelOf(string endpoint) =>
        model.ForVersions(store.TryGet(endpoint, out var registration) ? registration.Objects.Versions : new Dictionary<ushort, string>());

    bool TryReadValues(string topic, ReadOnlySequence<byte> payload, Lwm2mDeviceModel deviceModel, out IReadOnlyList<Lwm2mResourceValue> values)
    {
        values = [];
        var parsed = Lwm2mEnvelopeCodec.TryParseResponse(payload, codeRequired: false, out var body);
        if (parsed.IsError)
        {
            Reject(topic, ReasonNames.Of(parsed.Reason), parsed.Detail);
            return false;
        }
        if (body.Payload is not { } content || body.Format is not Lwm2mContentFormat.SenmlJson)
        {
            // LwM2M 1.2 Core §6.4.6: Send carries SenML (or LwM2M CBOR); so do this contract's notifications.
            Reject(topic, "unsupported_format", "reports carry \"format\":\"senml+json\" and a SenML payload");
            return false;
        }
        if (!Lwm2mContent.TryReadValues(null, Lwm2mContentFormat.SenmlJson, content, deviceModel, out values, out var error))
        {
            Reject(topic, "invalid_values", error);
            return false;
        }
        return true;
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
