using System.Diagnostics;
using System.Globalization;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Messaging;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>
/// Sends a request to a device on <c>lwm2m/{ep}/cmd/{requestId}</c> and waits for <c>lwm2m/{ep}/resp/{requestId}</c>,
/// at most the caller's timeout (<c>RequestTimeoutSeconds</c> by default). A request for a queue-mode device that is
/// asleep is held in <see cref="SleepingDevices"/> and sent by <see cref="HeldRequestSender"/> when the device is next
/// heard from. Records each outcome as an event and in the request metrics.
/// </summary>
public sealed class DeviceRequestClient(
    PendingRequests pending,
    SleepingDevices sleeping,
    IRegistrationStore registrations,
    ObservationStore observations,
    Lwm2mServerConnection connection,
    EventBuffer events,
    Lwm2mServerMetrics metrics,
    IOptions<Lwm2mServerOptions> options,
    TimeProvider time,
    ILogger<DeviceRequestClient> logger)
{
    /// <summary>
    /// Sends <paramref name="request"/> and waits up to <paramref name="timeout"/> for the answer. For a sleeping
    /// queue-mode device: without a timeout the request is held and the result says so at once; with one, it waits that
    /// long for the device to wake and answer.
    /// </summary>
    public async Task<DeviceResult> SendAsync(string endpoint, Lwm2mRequest request, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var known = registrations.TryGet(endpoint, out var registration);
        var requestId = PendingRequests.NewRequestId();
        if (known && registration!.Dialect == Lwm2mDialect.Oma)
        {
            // The binding correlates by a numeric token; Observe and Cancel-Observe carry the observation's.
            requestId = OmaRequests.UsesObservationToken(request.Operation) ? request.ObservationId! : PendingRequests.NewToken();
            if (!ulong.TryParse(requestId, NumberStyles.None, CultureInfo.InvariantCulture, out var token))
            {
                return new DeviceResult(null, TimeSpan.Zero) { NotExpressible = $"observation '{requestId}' has no token of the OMA binding" };
            }
            if (!OmaRequests.TryWrite(request, token, out _, out var notExpressible))
            {
                return new DeviceResult(null, TimeSpan.Zero) { NotExpressible = notExpressible };
            }
        }
        if (known && registration!.QueueMode)
        {
            switch (sleeping.TryHold(endpoint, requestId, request, time.GetUtcNow(), out var held))
            {
                case HoldOutcome.QueueFull:
                    metrics.LimitRefusals.WithLabels("max_queued_requests_per_device").Inc();
                    return new DeviceResult(null, TimeSpan.Zero)
                    {
                        QueueFull = $"'{endpoint}' is asleep (queue mode) with {sleeping.MaxHeldPerDevice} requests held, the most the server holds per device (Lwm2mServer:MaxQueuedRequestsPerDevice, LWM2M_MAX_QUEUED_REQUESTS_PER_DEVICE); wait for the device to wake, or raise that limit.",
                    };
                case HoldOutcome.Held:
                    return timeout is { } wait ? await WaitForHeldAsync(held!, wait, cancellationToken) : new DeviceResult(null, TimeSpan.Zero) { Queued = held };
            }
        }
        return await SendNowAsync(endpoint, requestId, request, timeout ?? options.Value.RequestTimeout, cancellationToken);
    }

    /// <summary>Drops the held requests that waited <c>QueuedRequestMaxWaitSeconds</c>; called by the expiry timer.</summary>
    public void ExpireHeldRequests()
    {
        var now = time.GetUtcNow();
        foreach (var held in sleeping.Expire(now))
        {
            metrics.QueuedRequestsExpired.Inc();
            events.Append(Lwm2mEventTypes.QueuedRequestExpired, held.Endpoint, now, new
            {
                held.RequestId,
                Operation = held.Request.Operation.ToWire(),
                Path = held.Request.Path?.ToString(),
                QueuedAt = held.HeldAt,
            });
            metrics.Events.WithLabels(Lwm2mEventTypes.QueuedRequestExpired).Inc();
            Settle(held, new DeviceResult(null, now - held.HeldAt) { NeverSent = true });
        }
    }

    async Task<DeviceResult> WaitForHeldAsync(HeldRequest held, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await held.Outcome.Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // Nobody waits any more: a request not yet sent is withdrawn; one already sent ends in the event log.
            var neverSent = sleeping.TryWithdraw(held);
            if (exception is OperationCanceledException)
            {
                throw;
            }
            return new DeviceResult(null, timeout) { Timeout = timeout, NeverSent = neverSent };
        }
    }

    /// <summary>Sends a request released by its device's wakeup; its outcome completes the request and goes to the event log.</summary>
    public async Task SendHeldAsync(HeldRequest held)
    {
        ArgumentNullException.ThrowIfNull(held);
        try
        {
            Settle(held, await SendNowAsync(held.Endpoint, held.RequestId, held.Request, options.Value.RequestTimeout, CancellationToken.None));
        }
        catch (Exception exception) when (exception is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            Log.HeldRequestFailed(logger, held.Endpoint, held.RequestId, exception.Message);
            held.Outcome.TrySetException(exception);
        }
    }

    /// <summary>Completes a held request; a held Observe that did not succeed leaves no observation behind.</summary>
    void Settle(HeldRequest held, DeviceResult result)
    {
        if (held.Request is { Operation: Lwm2mOperation.Observe or Lwm2mOperation.ObserveComposite, ObservationId: { } observationId } && result.Response?.Code is not { IsSuccess: true })
        {
            observations.Remove(observationId);
        }
        held.Outcome.TrySetResult(result);
    }

    async Task<DeviceResult> SendNowAsync(string endpoint, string requestId, Lwm2mRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!pending.TryBegin(requestId, endpoint, request.Operation, out var pendingAnswer))
        {
            throw new InvalidOperationException($"Request id {requestId} is already waiting for an answer.");
        }
        var started = Stopwatch.GetTimestamp();
        var operation = request.Operation.ToWire();
        try
        {
            registrations.TryGet(endpoint, out var registration);
            var (topic, payload) = registration?.Dialect == Lwm2mDialect.Oma
                ? OmaCommand(endpoint, requestId, request)
                : (Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Command, requestId).ToString(), Lwm2mEnvelopeCodec.WriteRequest(request));
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await connection.PublishAsync(message, registration?.Server, cancellationToken);
            var answer = await pendingAnswer.WaitAsync(timeout, time, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Record(endpoint, requestId, request, answer.Response?.Code?.ToString() ?? "invalid", elapsed);
            metrics.RequestDuration.WithLabels(operation).Observe(elapsed.TotalSeconds);
            return new DeviceResult(answer.Response, elapsed) { InvalidAnswer = answer.Invalid, Timeout = timeout };
        }
        catch (TimeoutException)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            Record(endpoint, requestId, request, "timeout", elapsed);
            return new DeviceResult(null, elapsed) { Timeout = timeout };
        }
        finally
        {
            pending.Abandon(requestId);
        }
    }

    /// <summary>A request of the OMA binding on the device's <c>[prefix/]lwm2m/rd/{ep}</c>, under the token <paramref name="requestId"/> (checked by <see cref="SendAsync"/>).</summary>
    (string Topic, byte[] Payload) OmaCommand(string endpoint, string requestId, Lwm2mRequest request)
    {
        var token = ulong.Parse(requestId, NumberStyles.None, CultureInfo.InvariantCulture);
        OmaRequests.TryWrite(request, token, out var message, out _);
        return (OmaTopic.Create(options.Value.OmaPrefix, OmaInterface.Registration, endpoint).ToString(), OmaEnvelopeCodec.Write(message));
    }

    void Record(string endpoint, string requestId, Lwm2mRequest request, string code, TimeSpan elapsed)
    {
        var operation = request.Operation.ToWire();
        metrics.Requests.WithLabels(operation, code).Inc();
        events.Append(Lwm2mEventTypes.Operation, endpoint, time.GetUtcNow(), new
        {
            RequestId = requestId,
            Operation = operation,
            Path = request.Path?.ToString(),
            Paths = request.Paths?.Select(p => p.ToString()).ToArray(),
            Code = code,
            DurationMs = Math.Round(elapsed.TotalMilliseconds, 1),
        });
        metrics.Events.WithLabels(Lwm2mEventTypes.Operation).Inc();
    }
}
