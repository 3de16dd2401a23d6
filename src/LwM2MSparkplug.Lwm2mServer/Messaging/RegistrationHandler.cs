using System.Buffers;
using System.Security.Cryptography;
using LwM2MSparkplug.Lwm2mServer.Apis;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.ServiceDefaults.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>
/// The Registration interface (LwM2M 1.2 Core §6.2): Register, Update, De-register, lifetime expiry. The JSON contract's
/// messages are read here; the OMA binding's by <see cref="OmaMessageHandler"/>; both end in the same methods.
/// </summary>
public sealed class RegistrationHandler(
    IRegistrationStore store,
    ObservationStore observations,
    EventBuffer events,
    GoneDevices gone,
    Acknowledgements acknowledgements,
    Lwm2mServerMetrics metrics,
    IOptions<Lwm2mServerOptions> options,
    TimeProvider time,
    ILogger<RegistrationHandler> logger)
{
    readonly TimeSpan _minLifetime = options.Value.MinLifetime;
    readonly TimeSpan _maxLifetime = options.Value.MaxLifetime;
    readonly string? _omaPrefix = options.Value.OmaPrefix;
    readonly LogBurstGate _registrationLimitLog = new(TimeSpan.FromSeconds(10));
    readonly LogBurstGate _lifetimeLimitLog = new(TimeSpan.FromSeconds(10));

    /// <summary>A Register of the JSON contract on <c>lwm2m/{ep}/reg</c>, answered on <c>lwm2m/{ep}/reg/ack</c>.</summary>
    public void Register(string topic, string endpoint, ReadOnlySequence<byte> payload)
    {
        var reply = Acknowledgement(endpoint, Lwm2mTopicKind.RegisterAck);
        var error = Lwm2mMessageParser.TryParseRegister(endpoint, payload, out var request);
        if (error.IsError)
        {
            Reject(topic, ReasonNames.Of(error.Reason), error.Detail);
            reply(Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, error.Detail));
            return;
        }
        Register(topic, request, Lwm2mDialect.Json, reply);
    }

    /// <summary>A Register of either dialect, read: checked against the server's limits, stored, and answered through <paramref name="reply"/>.</summary>
    public void Register(string topic, RegisterRequest request, Lwm2mDialect dialect, DeviceReply reply)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        var endpoint = request.Endpoint;
        if (DialectTopicOverlap.Check(dialect, endpoint, _omaPrefix) is { IsError: true } reserved)
        {
            Reject(topic, ReasonNames.Of(reserved.Reason), reserved.Detail);
            reply(Lwm2mResponse.Failure(Lwm2mResultCode.Forbidden, reserved.Detail));
            return;
        }
        var now = time.GetUtcNow();
        if (RefuseLifetime(endpoint, request.Lifetime, reply, now))
        {
            return;
        }
        var registration = new Registration(
            endpoint,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)),
            request.Lifetime,
            request.Version,
            request.BindingMode,
            request.Objects,
            now,
            now)
        {
            QueueMode = request.QueueMode,
            Sms = request.Sms,
            Server = MqttReceivingServer.Current,
            Dialect = dialect,
        };
        if (!store.TryRegister(registration, out var replaced))
        {
            RefuseRegistration(endpoint, reply, now);
            return;
        }
        // A new registration starts without observations (LwM2M 1.2 Core §6.2.1).
        observations.RemoveEndpoint(endpoint);
        gone.Forget(endpoint);
        metrics.Registrations.Inc();
        Record(Lwm2mEventTypes.Registration, endpoint, now, DeviceView.From(registration, null));
        reply(new Lwm2mResponse(Lwm2mResultCode.Created) { RegistrationId = registration.RegistrationId });
        Log.Registered(logger, endpoint, registration.RegistrationId, request.Version, (long)request.Lifetime.TotalSeconds, replaced is not null);
    }

    /// <summary>An Update of the JSON contract on <c>lwm2m/{ep}/update</c>, answered on <c>lwm2m/{ep}/update/ack</c>.</summary>
    public void Update(string topic, string endpoint, ReadOnlySequence<byte> payload)
    {
        var reply = Acknowledgement(endpoint, Lwm2mTopicKind.UpdateAck);
        var error = Lwm2mMessageParser.TryParseUpdate(payload, out var request);
        if (error.IsError)
        {
            Reject(topic, ReasonNames.Of(error.Reason), error.Detail);
            reply(Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, error.Detail));
            return;
        }
        Update(topic, endpoint, request, reply);
    }

    /// <summary>An Update of either dialect, read.</summary>
    public void Update(string topic, string endpoint, UpdateRequest request, DeviceReply reply)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        var now = time.GetUtcNow();
        if (request.Lifetime is { } lifetime && RefuseLifetime(endpoint, lifetime, reply, now))
        {
            return;
        }
        var updated = store.Update(endpoint, registration => registration.Apply(request, now) with { Server = MqttReceivingServer.Current ?? registration.Server });
        if (updated is null)
        {
            // LwM2M 1.2 Core §6.2.2: an Update for an unknown registration is answered 4.04; the client registers again.
            Reject(topic, "unknown_endpoint", $"no registration for '{endpoint}'; the client must register first");
            reply(Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"'{endpoint}' is not registered; register first"));
            return;
        }
        Record(Lwm2mEventTypes.Update, endpoint, now, UpdateView.From(updated, request));
        reply(new Lwm2mResponse(Lwm2mResultCode.Changed));
        Log.Updated(logger, endpoint);
    }

    /// <summary>A De-register of the JSON contract, answered on <c>lwm2m/{ep}/dereg/ack</c> (contract version 2; a version 1 device does not subscribe to it).</summary>
    public void Deregister(string topic, string endpoint, ReadOnlySequence<byte> payload)
    {
        var reply = Acknowledgement(endpoint, Lwm2mTopicKind.DeregisterAck);
        var error = Lwm2mMessageParser.TryParseDeregister(payload);
        if (error.IsError)
        {
            Reject(topic, ReasonNames.Of(error.Reason), error.Detail);
            reply(Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, error.Detail + "; the registration stays"));
            return;
        }
        Deregister(topic, endpoint, reply);
    }

    /// <summary>A De-register of either dialect.</summary>
    public void Deregister(string topic, string endpoint, DeviceReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!store.TryRemove(endpoint, out var removed))
        {
            Reject(topic, "unknown_endpoint", $"no registration for '{endpoint}' to remove");
            reply(Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"'{endpoint}' is not registered"));
            return;
        }
        observations.RemoveEndpoint(endpoint);
        gone.Record(removed, FleetLwm2mState.Deregistered);
        metrics.Deregistrations.Inc();
        Record(Lwm2mEventTypes.Deregistration, endpoint, time.GetUtcNow(), new { removed.RegistrationId });
        reply(new Lwm2mResponse(Lwm2mResultCode.Deleted));
        Log.Deregistered(logger, endpoint);
    }

    /// <summary>
    /// Answers a Register or Update too large to read with 4.00: the contract's result codes (docs/lwm2m-over-mqtt.md)
    /// have no 4.13, and a device written from them knows 4.00 as "not accepted, see error".
    /// </summary>
    public void RefuseTooLarge(string endpoint, Lwm2mTopicKind ack, string detail) =>
        Acknowledgement(endpoint, ack)(Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, detail));

    /// <summary>Removes registrations whose lifetime ended, with their observations; called by the expiry timer.</summary>
    public int ExpireRegistrations()
    {
        var now = time.GetUtcNow();
        var expired = store.RemoveExpired(now);
        foreach (var registration in expired)
        {
            observations.RemoveEndpoint(registration.Endpoint);
            gone.Record(registration, FleetLwm2mState.Expired);
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
        // A death heard on another server than the one the device registered on ends a connection it has left: after
        // walking to the next server it registered there, and the old server's NDEATH may come after that.
        var server = MqttReceivingServer.Current;
        var updated = store.Update(endpoint, registration => registration.Online && (server is null || registration.Server is null || registration.Server == server)
            ? registration with { Online = false, OfflineSince = now }
            : registration);
        if (updated is { OfflineSince: { } since } && since == now)
        {
            metrics.Offline.Inc();
            Record(Lwm2mEventTypes.Offline, endpoint, now, new { updated.RegistrationId, Reason = "sparkplug_ndeath" });
            Log.Offline(logger, endpoint);
        }
    }

    /// <summary>
    /// A lifetime outside the accepted range is refused with 4.00, not clamped: the acknowledgement has no field for
    /// another lifetime, so a clamped device would keep updating on its own schedule and be expired early or held long.
    /// </summary>
    bool RefuseLifetime(string endpoint, TimeSpan lifetime, DeviceReply reply, DateTimeOffset now)
    {
        string limit, detail;
        if (lifetime < _minLifetime)
        {
            limit = "min_lifetime";
            detail = $"lifetime {lifetime.TotalSeconds:0} s is below the server's minimum of {_minLifetime.TotalSeconds:0} s (Lwm2mServer:MinLifetimeSeconds, LWM2M_MIN_LIFETIME_SECONDS); ask for a longer lifetime or lower that limit";
        }
        else if (lifetime > _maxLifetime)
        {
            limit = "max_lifetime";
            detail = $"lifetime {lifetime.TotalSeconds:0} s is above the server's maximum of {_maxLifetime.TotalSeconds:0} s (Lwm2mServer:MaxLifetimeSeconds, LWM2M_MAX_LIFETIME_SECONDS); ask for a shorter lifetime or raise that limit";
        }
        else
        {
            return false;
        }
        metrics.LimitRefusals.WithLabels(limit).Inc();
        if (_lifetimeLimitLog.TryPass(now, out var held))
        {
            Log.LimitReached(logger, endpoint, detail, held);
        }
        reply(Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, detail));
        return true;
    }

    /// <summary>A new endpoint past <c>MaxRegistrations</c>: 5.03, the server is full for now; the client retries later.</summary>
    void RefuseRegistration(string endpoint, DeviceReply reply, DateTimeOffset now)
    {
        var detail = $"the server already holds {store.Capacity} registrations, its maximum (Lwm2mServer:MaxRegistrations, LWM2M_MAX_REGISTRATIONS); retry later, or raise that limit";
        metrics.LimitRefusals.WithLabels("max_registrations").Inc();
        if (_registrationLimitLog.TryPass(now, out var held))
        {
            Log.LimitReached(logger, endpoint, detail, held);
        }
        reply(Lwm2mResponse.Failure(Lwm2mResultCode.ServiceUnavailable, detail));
    }

    void Record(string type, string endpoint, DateTimeOffset timestamp, object data)
    {
        events.Append(type, endpoint, timestamp, data);
        metrics.Events.WithLabels(type).Inc();
    }

    DeviceReply Acknowledgement(string endpoint, Lwm2mTopicKind kind) => response => acknowledgements.Publish(endpoint, kind, response);

    void Reject(string topic, string reason, string detail)
    {
        metrics.InvalidMessages.WithLabels(reason).Inc();
        Log.Rejected(logger, topic, reason, detail);
    }
}
