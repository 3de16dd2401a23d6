using System.Diagnostics;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Messaging;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>
/// Sends a request to a device on <c>lwm2m/{ep}/cmd/{requestId}</c> and waits for <c>lwm2m/{ep}/resp/{requestId}</c>,
/// at most <c>RequestTimeoutSeconds</c>. Records the outcome as an event and in the request metrics.
/// </summary>
public sealed class DeviceRequestClient(
    PendingRequests pending,
    Lwm2mServerConnection connection,
    EventBuffer events,
    Lwm2mServerMetrics metrics,
    IOptions<Lwm2mServerOptions> options,
    TimeProvider time)
{
    public async Task<DeviceResult> SendAsync(string endpoint, Lwm2mRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (requestId, pendingAnswer) = pending.Begin(endpoint, request.Operation);
        var started = Stopwatch.GetTimestamp();
        var operation = request.Operation.ToWire();
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Command, requestId).ToString())
                .WithPayload(Lwm2mEnvelopeCodec.WriteRequest(request))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await connection.PublishAsync(message, cancellationToken);
            var answer = await pendingAnswer.WaitAsync(options.Value.RequestTimeout, time, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Record(endpoint, requestId, request, answer.Response?.Code?.ToString() ?? "invalid", elapsed);
            metrics.RequestDuration.WithLabels(operation).Observe(elapsed.TotalSeconds);
            return new DeviceResult(answer.Response, elapsed) { InvalidAnswer = answer.Invalid };
        }
        catch (TimeoutException)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            Record(endpoint, requestId, request, "timeout", elapsed);
            return new DeviceResult(null, elapsed);
        }
        finally
        {
            pending.Abandon(requestId);
        }
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
