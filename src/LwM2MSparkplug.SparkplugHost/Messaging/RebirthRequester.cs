using Google.Protobuf;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.SparkplugHost.Nodes;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.Protocols;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Messaging;

/// <summary>
/// Sends rebirth NCMDs (QoS 0, not retained, no seq) as the <see cref="RebirthThrottle"/> allows: at most one per node
/// per debounce interval, and over the global rate later rather than never.
/// </summary>
public sealed class RebirthRequester(RebirthThrottle throttle, MqttOutbox outbox, EdgeNodeRegistry registry, SparkplugHostMetrics metrics, TimeProvider time, ILogger<RebirthRequester> logger)
{
    /// <summary>Sends or queues a rebirth request; false when one for the node is already under way or waiting.</summary>
    public bool Request(string groupId, string edgeNodeId, RebirthReason reason)
    {
        var now = time.GetUtcNow();
        switch (throttle.Request(groupId, edgeNodeId, reason, now))
        {
            case RebirthDecision.Send:
                Send(groupId, edgeNodeId, reason, now);
                return true;
            case RebirthDecision.Delayed:
                metrics.RebirthsDelayed.Inc();
                metrics.RebirthsPending.Set(throttle.Pending);
                return true;
            default:
                metrics.RebirthsDebounced.Inc();
                return false;
        }
    }

    /// <summary>Forgets an evicted edge node's debounce record.</summary>
    public void Forget(string groupId, string edgeNodeId) => throttle.Forget(groupId, edgeNodeId);

    /// <summary>Sends the delayed requests the global rate now allows.</summary>
    public void ReleaseDue()
    {
        var now = time.GetUtcNow();
        foreach (var request in throttle.Release(now))
        {
            Send(request.GroupId, request.EdgeNodeId, request.Reason, now);
        }
        metrics.RebirthsPending.Set(throttle.Pending);
    }

    void Send(string groupId, string edgeNodeId, RebirthReason reason, DateTimeOffset now)
    {
        var label = ReasonNames.Of(reason);
        Log.RequestingRebirth(logger, groupId, edgeNodeId, label);
        // To the server the node is on: a request released later by the throttle is sent outside any message handler.
        outbox.Enqueue(Create(groupId, edgeNodeId, now), registry.ServerOf(groupId, edgeNodeId));
        metrics.RebirthRequests.WithLabels(label).Inc();
    }

    public static MqttApplicationMessage Create(string groupId, string edgeNodeId, DateTimeOffset now) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(SparkplugTopic.ForNode(groupId, SparkplugMessageType.NCmd, edgeNodeId).ToString())
            .WithPayload(SparkplugCommands.CreateRebirthRequest(now).ToByteArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainFlag(false)
            .Build();
}
