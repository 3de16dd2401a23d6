using System.Buffers;
using System.Security.Cryptography;
using LwM2MSparkplug.Lwm2mServer.Apis;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>
/// Handles LwM2M messages arriving over MQTT: Register, Update, De-register. Invalid input is logged
/// with its topic and reason, counted, and dropped; it never throws.
/// </summary>
public sealed class Lwm2mMessageHandler(
    IRegistrationStore store,
    EventBuffer events,
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
        if (!Lwm2mTopic.TryParse(topic, out var parsed, out var topicError))
        {
            Reject(topic, "topic_" + ReasonNames.Of(topicError), $"not an LwM2M topic ({topicError})");
            return;
        }
        if (payload.Length > _maxPayloadBytes)
        {
            Reject(topic, ReasonNames.Of(Lwm2mMessageError.PayloadTooLarge), $"payload of {payload.Length} bytes exceeds {_maxPayloadBytes}");
            return;
        }
        switch (parsed.Kind)
        {
            case Lwm2mTopicKind.Register:
                metrics.Messages.WithLabels("register").Inc();
                HandleRegister(topic, parsed.Endpoint, payload);
                break;
            case Lwm2mTopicKind.Update:
                metrics.Messages.WithLabels("update").Inc();
                HandleUpdate(topic, parsed.Endpoint, payload);
                break;
            case Lwm2mTopicKind.Deregister:
                metrics.Messages.WithLabels("deregister").Inc();
                HandleDeregister(topic, parsed.Endpoint);
                break;
            case Lwm2mTopicKind.Response:
                metrics.Messages.WithLabels("response").Inc();
                break;
            case Lwm2mTopicKind.Notify:
                metrics.Messages.WithLabels("notify").Inc();
                break;
            case Lwm2mTopicKind.Send:
                metrics.Messages.WithLabels("send").Inc();
                break;
            default:
                // Server-to-device topics (commands, acknowledgements) are ours; nothing to do.
                break;
        }
    }

    void HandleRegister(string topic, string endpoint, ReadOnlySequence<byte> payload)
    {
        var error = Lwm2mMessageParser.TryParseRegister(endpoint, payload, out var request);
        if (error.IsError)
        {
            Reject(topic, ReasonNames.Of(error.Reason), error.Detail);
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
        metrics.Registrations.Inc();
        Record(Lwm2mEventTypes.Registration, endpoint, now, DeviceView.From(registration));
        Log.Registered(logger, endpoint, registration.RegistrationId, request.Version, (long)request.Lifetime.TotalSeconds, replaced is not null);
    }

    void HandleUpdate(string topic, string endpoint, ReadOnlySequence<byte> payload)
    {
        var error = Lwm2mMessageParser.TryParseUpdate(payload, out var request);
        if (error.IsError)
        {
            Reject(topic, ReasonNames.Of(error.Reason), error.Detail);
            return;
        }
        var now = time.GetUtcNow();
        var updated = store.Update(endpoint, registration => registration.Apply(request, now));
        if (updated is null)
        {
            // LwM2M 1.2 Core §6.2.2: an Update for an unknown registration is answered 4.04; the client registers again.
            Reject(topic, "unknown_endpoint", $"no registration for '{endpoint}'; the client must register first");
            return;
        }
        Record(Lwm2mEventTypes.Update, endpoint, now, UpdateView.From(updated, request));
        Log.Updated(logger, endpoint);
    }

    void HandleDeregister(string topic, string endpoint)
    {
        if (!store.TryRemove(endpoint, out var removed))
        {
            Reject(topic, "unknown_endpoint", $"no registration for '{endpoint}' to remove");
            return;
        }
        metrics.Deregistrations.Inc();
        Record(Lwm2mEventTypes.Deregistration, endpoint, time.GetUtcNow(), new { removed.RegistrationId });
        Log.Deregistered(logger, endpoint);
    }

    /// <summary>Removes registrations whose lifetime ended; called by the expiry timer.</summary>
    public int ExpireRegistrations()
    {
        var now = time.GetUtcNow();
        var expired = store.RemoveExpired(now);
        foreach (var registration in expired)
        {
            metrics.Expiries.Inc();
            Record(Lwm2mEventTypes.Expiry, registration.Endpoint, now, new { registration.RegistrationId, registration.LastUpdateAt, registration.ExpiresAt });
            Log.Expired(logger, registration.Endpoint, registration.LastUpdateAt);
        }
        return expired.Count;
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
