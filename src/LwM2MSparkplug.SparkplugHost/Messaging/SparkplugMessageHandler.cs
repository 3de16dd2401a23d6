using System.Buffers;
using System.Diagnostics;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.ServiceDefaults.Observability;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.SparkplugHost.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Messaging;

/// <summary>
/// The host's receive path: topic, payload, session state machine, then metrics and rebirth requests.
/// Nothing here throws on wire input; bad input is logged with its topic and reason and counted.
/// </summary>
public sealed class SparkplugMessageHandler(
    EdgeNodeRegistry registry,
    RebirthRequester rebirth,
    HostApplicationState state,
    MqttOutbox outbox,
    SparkplugHostMetrics metrics,
    IOptions<SparkplugHostOptions> options,
    TimeProvider time,
    ILogger<SparkplugMessageHandler> logger)
{
    readonly int _maxPayloadBytes = options.Value.MaxPayloadBytes;
    readonly LogBurstGate _nodeLimitLog = new(TimeSpan.FromSeconds(10));
    readonly LogBurstGate _deviceLimitLog = new(TimeSpan.FromSeconds(10));

    public Task HandleAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Handle(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public void Handle(string topicText, ReadOnlySequence<byte> payloadBytes, DateTimeOffset receivedAt)
    {
        var started = Stopwatch.GetTimestamp();
        if (!SparkplugTopic.TryParse(topicText, out var topic, out var topicError))
        {
            Reject(topicText, "topic_" + ReasonNames.Of(topicError));
            return;
        }
        metrics.Messages.WithLabels(MessageTypeLabel(topic.MessageType)).Inc();
        switch (topic.MessageType)
        {
            case SparkplugMessageType.State:
                HandleState(topic, topicText, payloadBytes);
                return;
            case SparkplugMessageType.NCmd or SparkplugMessageType.DCmd:
                // Commands from this or another host; an observer has nothing to apply.
                return;
        }

        var decodeError = SparkplugPayloadDecoder.TryParse(payloadBytes, _maxPayloadBytes, out var payload);
        if (decodeError != SparkplugDecodeError.None)
        {
            Reject(topicText, ReasonNames.Of(decodeError));
            return;
        }

        if (payload.HasTimestamp)
        {
            // In doubles: any wire value is a number here, never an exception; a timestamp from the future counts as 0.
            metrics.MessageAge.Observe(Math.Max(0, receivedAt.ToUnixTimeMilliseconds() - (double)payload.Timestamp) / 1000);
        }
        if (!registry.TryApply(topic, payload, receivedAt, out var outcome, out var session))
        {
            RefuseNewNode(topic, receivedAt);
            return;
        }
        if (outcome.AppliedMessages > 0)
        {
            metrics.MetricUpdates.Inc(payload.Metrics.Count);
        }
        Report(topic, topicText, session, outcome);
        metrics.ProcessingDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Reports what the session did: counts, logs, and a rebirth request when one is needed.</summary>
    public void Report(SparkplugTopic topic, string topicText, EdgeNodeSession session, SessionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(session);
        switch (outcome.Kind)
        {
            case SessionOutcomeKind.Rejected:
                Reject(topicText, ReasonNames.Of(outcome.Reason));
                break;
            case SessionOutcomeKind.Ignored when outcome.Reason == SessionReason.StaleDeath:
                metrics.StaleDeaths.Inc();
                Log.DeathIgnored(logger, topic.GroupId, topic.EdgeNodeId, outcome.Reason);
                break;
            case SessionOutcomeKind.Ignored when outcome.Reason != SessionReason.None:
                metrics.IgnoredMessages.WithLabels(ReasonNames.Of(outcome.Reason)).Inc();
                break;
            case SessionOutcomeKind.Buffered when session.BufferedMessageCount == 1:
                metrics.SeqGaps.Inc();
                break;
            case SessionOutcomeKind.Accepted when topic.MessageType == SparkplugMessageType.NBirth:
                Log.NodeBorn(logger, topic.GroupId, topic.EdgeNodeId, session.BdSeq, session.Metrics.Count);
                break;
            case SessionOutcomeKind.Accepted when topic.MessageType == SparkplugMessageType.NDeath:
                Log.NodeDied(logger, topic.GroupId, topic.EdgeNodeId);
                break;
        }
        if (outcome.InvalidValues is { } invalid)
        {
            foreach (var error in invalid)
            {
                Reject(topicText, "value_" + ReasonNames.Of(error));
            }
        }
        if (outcome.HistoricalValues > 0)
        {
            metrics.ValuesNotApplied.WithLabels("historical").Inc(outcome.HistoricalValues);
        }
        if (outcome.RefusedDevices > 0)
        {
            metrics.LimitRefusals.WithLabels("max_devices_per_node").Inc(outcome.RefusedDevices);
            if (_deviceLimitLog.TryPass(time.GetUtcNow(), out var held))
            {
                Log.DeviceLimitReached(logger, topic.DeviceId, topic.GroupId, topic.EdgeNodeId, options.Value.MaxDevicesPerNode, held);
            }
        }
        if (outcome.RequiresRebirth)
        {
            rebirth.Request(topic.GroupId, topic.EdgeNodeId, outcome.Rebirth);
        }
    }

    void HandleState(SparkplugTopic topic, string topicText, ReadOnlySequence<byte> payload)
    {
        if (!HostState.TryParse(payload, out var hostState))
        {
            Reject(topicText, "invalid_state_payload");
            return;
        }
        // Our own offline STATE (a late Will, or a retained one) must be answered with online and the same
        // timestamp (tck-id-message-flow-hid-sparkplug-state-message-delivered).
        var server = MqttReceivingServer.Current ?? 0;
        if (topic.HostId == state.HostId && !hostState.Online && state.SessionTimestamp(server) != 0 && !state.IsEnding)
        {
            var online = state.OnlineOn(server);
            Log.StateRepublished(logger, online.Timestamp);
            outbox.Enqueue(CreateStateMessage(state.Topic, online));
        }
    }

    public static MqttApplicationMessage CreateStateMessage(string topic, HostState hostState) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(hostState.ToJsonBytes())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(true)
            .Build();

    /// <summary>
    /// A new edge node past <c>MaxEdgeNodes</c>: counted, logged once per burst, and never answered with a rebirth
    /// request, so a flood of made-up node ids cannot turn into a flood of commands.
    /// </summary>
    void RefuseNewNode(SparkplugTopic topic, DateTimeOffset receivedAt)
    {
        metrics.LimitRefusals.WithLabels("max_edge_nodes").Inc();
        if (_nodeLimitLog.TryPass(receivedAt, out var held))
        {
            Log.EdgeNodeLimitReached(logger, topic.GroupId, topic.EdgeNodeId, registry.MaxEdgeNodes, held);
        }
    }

    void Reject(string topic, string reason)
    {
        metrics.InvalidMessages.WithLabels(reason).Inc();
        Log.Rejected(logger, topic, reason);
    }

    static string MessageTypeLabel(SparkplugMessageType type) => type switch
    {
        SparkplugMessageType.NBirth => "nbirth",
        SparkplugMessageType.NDeath => "ndeath",
        SparkplugMessageType.DBirth => "dbirth",
        SparkplugMessageType.DDeath => "ddeath",
        SparkplugMessageType.NData => "ndata",
        SparkplugMessageType.DData => "ddata",
        SparkplugMessageType.NCmd => "ncmd",
        SparkplugMessageType.DCmd => "dcmd",
        _ => "state",
    };
}
