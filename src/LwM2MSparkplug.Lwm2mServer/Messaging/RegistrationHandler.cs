using System.Buffers;
using System.Security.Cryptography;
using LwM2MSparkplug.Lwm2mServer.Apis;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>The Registration interface (LwM2M 1.2 Core §6.2): Register, Update, De-register, lifetime expiry.</summary>
public sealed class RegistrationHandler(
    IRegistrationStore store,
    ObservationStore observations,
    EventBuffer events,
    MqttOutbox outbox,
    Lwm2mServerMetrics metrics,
    TimeProvider time,
    ILogger<RegistrationHandler> logger)
{
    public void Register(string topic, string endpoint, ReadOnlySequence<byte> payload)
    {
        var error = Lwm2mMessageParser.TryParseRegister(endpoint, payload, out var request);
        if (error.IsError)
        {
            Reject(topic, ReasonNames.Of(error.Reason), error.Detail);
            Acknowledge(endpoint, Lwm2mTopicKind.RegisterAck, Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, error.Detail));
            return;
        }
        var now = time.GetUtcNow();
        var registration = new Registration(
            endpoint,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)),
            request.Lifetime,
            request.Version,
            request.BindingMode,
            request.Objects,
            now,
            now);
        var replaced = store.Register(registration);
        // A new registration starts without observations (LwM2M 1.2 Core §6.2.1).
        observations.RemoveEndpoint(endpoint);
        metrics.Registrations.Inc();
        Record(Lwm2mEventTypes.Registration, endpoint, now, DeviceView.From(registration, null));
        Acknowledge(endpoint, Lwm2mTopicKind.RegisterAck, new Lwm2mResponse(Lwm2mResultCode.Created) { RegistrationId = registration.RegistrationId });
        Log.Registered(logger, endpoint, registration.RegistrationId, request.Version, (long)request.Lifetime.TotalSeconds, replaced is not null);
    }

    public void Update(string topic, string endpoint, ReadOnlySequence<byte> payload)
    {
        var error = Lwm2mMessageParser.TryParseUpdate(payload, out var request);
        if (error.IsError)
        {
            Reject(topic, ReasonNames.Of(error.Reason), error.Detail);
            Acknowledge(endpoint, Lwm2mTopicKind.UpdateAck, Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, error.Detail));
            return;
        }
        var now = time.GetUtcNow();
        var updated = store.Update(endpoint, registration => registration.Apply(request, now));
        if (updated is null)
        {
            // LwM2M 1.2 Core §6.2.2: an Update for an unknown registration is answered 4.04; the client registers again.
            Reject(topic, "unknown_endpoint", $"no registration for '{endpoint}'; the client must register first");
            Acknowledge(endpoint, Lwm2mTopicKind.UpdateAck, Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"'{endpoint}' is not registered; register first"));
            return;
        }
        Record(Lwm2mEventTypes.Update, endpoint, now, UpdateView.From(updated, request));
        Acknowledge(endpoint, Lwm2mTopicKind.UpdateAck, new Lwm2mResponse(Lwm2mResultCode.Changed));
        Log.Updated(logger, endpoint);
    }

    public void Deregister(string topic, string endpoint, ReadOnlySequence<byte> payload)
    {
        var error = Lwm2mMessageParser.TryParseDeregister(payload);
        if (error.IsError)
        {
            // The contract has no answer to a De-register, so a refused one is only counted.
            Reject(topic, ReasonNames.Of(error.Reason), error.Detail);
            return;
        }
        if (!store.TryRemove(endpoint, out var removed))
        {
            Reject(topic, "unknown_endpoint", $"no registration for '{endpoint}' to remove");
            return;
        }
        observations.RemoveEndpoint(endpoint);
        metrics.Deregistrations.Inc();
        Record(Lwm2mEventTypes.Deregistration, endpoint, time.GetUtcNow(), new { removed.RegistrationId });
        Log.Deregistered(logger, endpoint);
    }

    /// <summary>Removes registrations whose lifetime ended, with their observations; called by the expiry timer.</summary>
    public int ExpireRegistrations()
    {
        var now = time.GetUtcNow();
        var expired = store.RemoveExpired(now);
        foreach (var registration in expired)
        {
            observations.RemoveEndpoint(registration.Endpoint);
            metrics.Expiries.Inc();
            Record(Lwm2mEventTypes.Expiry, registration.Endpoint, now, new { registration.RegistrationId, registration.LastUpdateAt, registration.ExpiresAt });
            Log.Expired(logger, registration.Endpoint, registration.LastUpdateAt);
        }
        return expired.Count;
    }

    /// <summary>The device's connection died: keep the registration until its lifetime ends, but mark it offline.</summary>
    public void MarkOffline(string endpoint)
    {
        var now = time.GetUtcNow();
        var updated = store.Update(endpoint, registration => registration.Online ? registration with { Online = false, OfflineSince = now } : registration);
        if (updated is { OfflineSince: { } since } && since == now)
        {
            metrics.Offline.Inc();
            Record(Lwm2mEventTypes.Offline, endpoint, now, new { updated.RegistrationId, Reason = "sparkplug_ndeath" });
            Log.Offline(logger, endpoint);
        }
    }

    void Record(string type, string endpoint, DateTimeOffset timestamp, object data)
    {
        events.Append(type, endpoint, timestamp, data);
        metrics.Events.WithLabels(type).Inc();
    }

    void Acknowledge(string endpoint, Lwm2mTopicKind kind, Lwm2mResponse response) =>
        outbox.Enqueue(Lwm2mServerConnection.Message(Lwm2mTopic.Create(endpoint, kind).ToString(), Lwm2mEnvelopeCodec.WriteResponse(response)));

    void Reject(string topic, string reason, string detail)
    {
        metrics.InvalidMessages.WithLabels(reason).Inc();
        Log.Rejected(logger, topic, reason, detail);
    }
}
