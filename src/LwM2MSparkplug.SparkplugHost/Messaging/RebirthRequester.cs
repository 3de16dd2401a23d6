using Google.Protobuf;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.Protocols;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Messaging;

/// <summary>Sends rebirth NCMDs (QoS 0, not retained, no seq), at most one per node per debounce interval.</summary>
public sealed class RebirthRequester(RebirthDebouncer debouncer, MqttOutbox outbox, SparkplugHostMetrics metrics, TimeProvider time, ILogger<RebirthRequester> logger)
{
    /// <summary>Queues a rebirth request unless one went to this node within the debounce interval.</summary>
    public bool Request(string groupId, string edgeNodeId, RebirthReason reason)
    {
        var now = time.GetUtcNow();
        if (!debouncer.TryAcquire(groupId, edgeNodeId, now))
        {
            metrics.RebirthsDebounced.Inc();
            return false;
        }
        var label = ReasonNames.Of(reason);
        Log.RequestingRebirth(logger, groupId, edgeNodeId, label);
        outbox.Enqueue(Create(groupId, edgeNodeId, now));
        metrics.RebirthRequests.WithLabels(label).Inc();
        return true;
    }

    public static MqttApplicationMessage Create(string groupId, string edgeNodeId, DateTimeOffset now) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(SparkplugTopic.ForNode(groupId, SparkplugMessageType.NCmd, edgeNodeId).ToString())
            .WithPayload(SparkplugCommands.CreateRebirthRequest(now).ToByteArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainFlag(false)
            .Build();
}
