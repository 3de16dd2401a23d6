using System.Buffers;
using Google.Protobuf;
using LwM2MSparkplug.Protocols.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Protocols.Sparkplug.Edge;

/// <summary>
/// The edge node side of a Sparkplug B 3.0 session (Sparkplug 3.0 §5): bdSeq per MQTT session, NBIRTH then DBIRTHs,
/// one seq shared by the node and its devices, data by exception, rebirth on command, metric writes, and waiting for
/// a primary host. The host side of the same rules is <see cref="EdgeNodeSession"/>.
/// </summary>
/// <remarks>
/// Pure: no clock, no timers, no I/O. The transport calls <see cref="Connecting"/> for the Will of each CONNECT,
/// then <see cref="Connected"/>, <see cref="Receive"/> for every message, <see cref="Run"/> when
/// <see cref="NextDueAt"/> has come, and <see cref="Disconnecting"/> before it closes the connection on purpose; what
/// to publish goes into the <see cref="Outbox"/>, in order. Not thread-safe: the caller serialises access.
/// </remarks>
public sealed class EdgeNode
{
    const string Protocol = "sparkplug";
    const string TopicPrefix = SparkplugTopic.Namespace + "/";

    readonly EdgeNodeOptions _options;
    readonly IEdgeNodeMetricSource _source;
    readonly EdgeNodeSequence _sequence = new();
    readonly MetricOwner _node;
    readonly MetricOwner[] _devices;
    readonly string _deathTopic;
    long? _lastStateTimestamp;
    long? _lastOnlineTimestamp;
    string? _server;
    bool _primaryHostOnlineInSession;
    bool _primaryHostOfflineInSession;
    DateTimeOffset? _nextDataAt;

    /// <param name="options">The edge node's definition; validated here.</param>
    /// <param name="source">Where metric values come from and writes go.</param>
    /// <param name="nextBdSeq">The bdSeq of the next MQTT session, as kept across restarts (0 for a new edge node).</param>
    public EdgeNode(EdgeNodeOptions options, IEdgeNodeMetricSource source, byte nextBdSeq = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        options.Validate();
        _options = options;
        _source = source;
        NextBdSeq = nextBdSeq;
        _node = new MetricOwner(null, options.NodeMetrics,
            Topic(SparkplugMessageType.NBirth, null), Topic(SparkplugMessageType.NData, null), Topic(SparkplugMessageType.NCmd, null));
        _devices = [.. options.Devices.Select(d => new MetricOwner(d.DeviceId, d.Metrics,
            Topic(SparkplugMessageType.DBirth, d.DeviceId), Topic(SparkplugMessageType.DData, d.DeviceId), Topic(SparkplugMessageType.DCmd, d.DeviceId)))];
        _deathTopic = Topic(SparkplugMessageType.NDeath, null);

        // tck-id-message-flow-edge-node-ncmd-subscribe: commands with QoS 1; the primary host's STATE before any birth.
        List<TopicSubscription> subscriptions = [new(_node.CommandTopic, QualityOfService.AtLeastOnce)];
        subscriptions.AddRange(_devices.Select(d => new TopicSubscription(d.CommandTopic, QualityOfService.AtLeastOnce)));
        if (options.PrimaryHostId is { } hostId)
        {
            subscriptions.Add(new TopicSubscription(SparkplugTopic.ForState(hostId).ToString(), QualityOfService.AtLeastOnce));
        }
        Subscriptions = subscriptions;
    }

    public string GroupId => _options.GroupId;
    public string EdgeNodeId => _options.EdgeNodeId;
    public EdgeNodeState State { get; private set; }

    /// <summary>The bdSeq of the current (or last) MQTT session; null before the first <see cref="Connecting"/>.</summary>
    public byte? BdSeq { get; private set; }

    /// <summary>The bdSeq the next MQTT session will take; keep it across restarts (tck-id-topics-nbirth-bdseq-increment).</summary>
    public byte NextBdSeq { get; private set; }

    /// <summary>The seq of the last message published in this session; null before the first birth.</summary>
    public byte? LastSeq { get; private set; }

    /// <summary>When <see cref="Run"/> next has data to check; null while not born or without a data interval.</summary>
    public DateTimeOffset? NextDueAt => State == EdgeNodeState.Born ? _nextDataAt : null;

    /// <summary>Data intervals that passed without a check because <see cref="Run"/> was called too late.</summary>
    public long MissedDataIntervals { get; private set; }

    /// <summary>Data intervals checked on time or late; with <see cref="MissedDataIntervals"/>, every interval that was due.</summary>
    public long CheckedDataIntervals { get; private set; }

    /// <summary>What the connection must be subscribed to: NCMD, each device's DCMD and the primary host's STATE.</summary>
    public IReadOnlyList<TopicSubscription> Subscriptions { get; }

    /// <summary>
    /// A new MQTT session is about to CONNECT: takes the next bdSeq (255 wraps to 0) and returns the NDEATH to set as
    /// its Will: the session's bdSeq as Int64, a timestamp, no seq, QoS 1, not retained
    /// (tck-id-payloads-ndeath-will-message-qos, -retain, -ndeath-seq, -ndeath-bdseq).
    /// </summary>
    /// <param name="now">The time of the NDEATH's timestamp.</param>
    /// <param name="server">The MQTT server the session connects to (any name; null with one server).</param>
    public OutboundMessage Connecting(DateTimeOffset now, string? server = null)
    {
        BdSeq = NextBdSeq;
        NextBdSeq = SparkplugSeq.Next(NextBdSeq);
        State = EdgeNodeState.Disconnected;
        // Each session learns afresh that the primary host is online: from its retained STATE after the subscription.
        _primaryHostOnlineInSession = false;
        _primaryHostOfflineInSession = false;
        if (server != _server)
        {
            // STATE timestamps compare within one server only: on another server the host has a session with a T of
            // its own (tck-id-operational-behavior-host-application-multi-server-timestamp).
            _server = server;
            _lastStateTimestamp = null;
            _lastOnlineTimestamp = null;
        }
        return Death(now);
    }

    /// <summary>The CONNECT succeeded and the subscriptions are in place: births now, or once the primary host is online.</summary>
    public void Connected(DateTimeOffset now, Outbox outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (BdSeq is null)
        {
            throw new InvalidOperationException("Connected before Connecting: the Will with the session's bdSeq must be set first.");
        }
        if (_options.PrimaryHostId is null || _primaryHostOnlineInSession)
        {
            PublishBirths(now, outbox);
        }
        else
        {
            // Births wait for the primary host's online STATE (tck-id-message-flow-edge-node-birth-publish-phid-wait).
            // The retained STATE may also have come already, between the subscription and this call: then above,
            // or, when it said offline, on to the next server.
            State = EdgeNodeState.WaitingForPrimaryHost;
            WalkOnIfThePrimaryHostIsOffline(outbox);
        }
    }

    /// <summary>The connection is gone; the broker publishes the Will. Nothing more goes out until the next session.</summary>
    public void ConnectionLost()
    {
        State = EdgeNodeState.Disconnected;
        _nextDataAt = null;
    }

    /// <summary>
    /// Ends the session on purpose: publishes the NDEATH (QoS 1) before the connection closes, as Sparkplug 3.0 asks
    /// of an edge node that disconnects intentionally (tck-id-payloads-ndeath-will-message-publisher-disconnect-mqtt311).
    /// No data after it. On MQTT 5 the transport then sends DISCONNECT with reason 0x04, Disconnect with Will Message
    /// (-mqtt50), so the broker publishes the Will too: a host sees the same NDEATH (same bdSeq) twice.
    /// </summary>
    public void Disconnecting(DateTimeOffset now, Outbox outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (State is EdgeNodeState.Disconnected or EdgeNodeState.Dead)
        {
            return;
        }
        outbox.Publish(Death(now));
        State = EdgeNodeState.Dead;
        _nextDataAt = null;
    }

    /// <summary>Publishes the metrics that changed since they were last reported, when the data interval has come.</summary>
    public void Run(DateTimeOffset now, Outbox outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (State != EdgeNodeState.Born || _nextDataAt is not { } due || now < due)
        {
            return;
        }
        var interval = _options.DataInterval!.Value;
        var next = due + interval;
        if (next <= now)
        {
            // Called late: skip the intervals that passed (report by exception loses nothing by it), and count them.
            MissedDataIntervals += (long)((now - due) / interval);
            next = now + interval;
        }
        _nextDataAt = next;
        CheckedDataIntervals++;
        PublishChanges(now, outbox);
    }

    /// <summary>
    /// Publishes the metrics that changed, now, whatever the data interval: for an application that decides itself
    /// when to report (an event, its own clock). Nothing before the births or after the death.
    /// </summary>
    public void ReportNow(DateTimeOffset now, Outbox outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (State == EdgeNodeState.Born)
        {
            PublishChanges(now, outbox);
        }
    }

    /// <summary>Handles a message on one of <see cref="Subscriptions"/>: NCMD, DCMD or the primary host's STATE.</summary>
    public EdgeNodeReceipt Receive(string topic, ReadOnlySequence<byte> payload, DateTimeOffset now, Outbox outbox)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(outbox);
        if (!topic.StartsWith(TopicPrefix, StringComparison.Ordinal))
        {
            return EdgeNodeReceipt.NotSparkplug;
        }
        if (!SparkplugTopic.TryParse(topic, out var parsed))
        {
            return EdgeNodeReceipt.Invalid(EdgeNodeReason.InvalidTopic);
        }
        if (parsed.MessageType == SparkplugMessageType.State)
        {
            return parsed.HostId == _options.PrimaryHostId ? ReceiveState(payload, now, outbox) : EdgeNodeReceipt.Ignored(EdgeNodeReason.NotPrimaryHost);
        }
        if (parsed.GroupId != GroupId || parsed.EdgeNodeId != EdgeNodeId
            || parsed.MessageType is not (SparkplugMessageType.NCmd or SparkplugMessageType.DCmd))
        {
            return EdgeNodeReceipt.Ignored(EdgeNodeReason.NotAddressed);
        }
        var owner = parsed.DeviceId is null ? _node : Array.Find(_devices, d => d.DeviceId == parsed.DeviceId);
        if (owner is null)
        {
            return EdgeNodeReceipt.Ignored(EdgeNodeReason.UnknownDevice);
        }
        switch (SparkplugPayloadDecoder.TryParse(payload, _options.MaxCommandBytes, out var command))
        {
            case SparkplugDecodeError.EmptyPayload:
                return EdgeNodeReceipt.Invalid(EdgeNodeReason.EmptyPayload);
            case SparkplugDecodeError.PayloadTooLarge:
                return EdgeNodeReceipt.Invalid(EdgeNodeReason.PayloadTooLarge);
            case SparkplugDecodeError.MalformedProtobuf:
                return EdgeNodeReceipt.Invalid(EdgeNodeReason.MalformedProtobuf);
        }
        return ReceiveCommand(owner, command, now, outbox);
    }

    EdgeNodeReceipt ReceiveCommand(MetricOwner owner, Payload command, DateTimeOffset now, Outbox outbox)
    {
        if (owner == _node && IsRebirthRequest(command))
        {
            // tck-id-operational-behavior-data-commands-rebirth-action-1..3: stop data, NBIRTH (same bdSeq) and
            // every DBIRTH, then data resumes.
            if (State != EdgeNodeState.Born)
            {
                return EdgeNodeReceipt.Ignored(EdgeNodeReason.NotBorn);
            }
            PublishBirths(now, outbox);
            return new EdgeNodeReceipt(EdgeNodeReceiptKind.Rebirth);
        }
        if (State != EdgeNodeState.Born)
        {
            return EdgeNodeReceipt.Ignored(EdgeNodeReason.NotBorn);
        }
        int applied = 0, rejected = 0;
        var reason = EdgeNodeReason.None;
        foreach (var metric in command.Metrics)
        {
            if (owner == _node && metric.HasName && metric.Name == SparkplugCommands.NodeControlRebirth)
            {
                continue;
            }
            var outcome = Write(owner, metric);
            if (outcome == EdgeNodeReason.None)
            {
                applied++;
            }
            else
            {
                rejected++;
                reason = reason == EdgeNodeReason.None ? outcome : reason;
            }
        }
        if (applied > 0)
        {
            // A written value is a change: report it at once rather than at the next interval.
            PublishChanges(now, outbox);
        }
        return new EdgeNodeReceipt(EdgeNodeReceiptKind.Command, reason, applied, rejected);
    }

    /// <summary>None when applied; else why not.</summary>
    EdgeNodeReason Write(MetricOwner owner, Payload.Types.Metric metric)
    {
        var index = metric.HasAlias ? owner.IndexOfAlias(metric.Alias) : metric.HasName ? owner.IndexOfName(metric.Name) : -1;
        if (index < 0)
        {
            return EdgeNodeReason.UnknownMetric;
        }
        var definition = owner.Metrics[index];
        if (!definition.IsWritable)
        {
            return EdgeNodeReason.NotWritable;
        }
        if (SparkplugPayloadDecoder.TryReadValue(metric, definition.DataType, out var value) != MetricValueError.None || value.IsNull)
        {
            return EdgeNodeReason.InvalidValue;
        }
        return _source.TryWrite(definition, value) ? EdgeNodeReason.None : EdgeNodeReason.Refused;
    }

    EdgeNodeReceipt ReceiveState(ReadOnlySequence<byte> payload, DateTimeOffset now, Outbox outbox)
    {
        if (!HostState.TryParse(payload, out var state))
        {
            return EdgeNodeReceipt.Invalid(EdgeNodeReason.InvalidState);
        }
        var receipt = new EdgeNodeReceipt(EdgeNodeReceiptKind.State);
        if (state.Online)
        {
            // Only an online STATE at least as new as any STATE seen counts; the first one is taken as it is
            // (tck-id-message-flow-edge-node-birth-publish-phid-wait).
            if (state.Timestamp < _lastStateTimestamp)
            {
                return EdgeNodeReceipt.Ignored(EdgeNodeReason.StaleState);
            }
            _lastStateTimestamp = state.Timestamp;
            _lastOnlineTimestamp = state.Timestamp;
            _primaryHostOnlineInSession = true;
            _primaryHostOfflineInSession = false;
            if (State == EdgeNodeState.WaitingForPrimaryHost)
            {
                PublishBirths(now, outbox);
            }
            return receipt;
        }
        // An offline STATE at least as new as the online one ends the session: NDEATH, disconnect, connect again
        // later (tck-id-operational-behavior-edge-node-termination-host-offline). An older one is a late Will.
        if (_lastOnlineTimestamp is { } online && state.Timestamp >= online)
        {
            _lastOnlineTimestamp = null;
            _lastStateTimestamp = state.Timestamp;
            _primaryHostOnlineInSession = false;
            if (State == EdgeNodeState.Born)
            {
                Disconnecting(now, outbox);
                outbox.RequestRestart(RestartReason.PrimaryHostOffline);
            }
            return receipt;
        }
        if (state.Timestamp < _lastStateTimestamp)
        {
            return EdgeNodeReceipt.Ignored(EdgeNodeReason.StaleState);
        }
        _lastStateTimestamp = state.Timestamp;
        _primaryHostOfflineInSession = true;
        WalkOnIfThePrimaryHostIsOffline(outbox);
        return receipt;
    }

    /// <summary>Not born here, and the primary host is offline on this server: on to the next one, if there is one.</summary>
    void WalkOnIfThePrimaryHostIsOffline(Outbox outbox)
    {
        if (State == EdgeNodeState.WaitingForPrimaryHost && _primaryHostOfflineInSession && _options.ServerCount > 1)
        {
            outbox.RequestRestart(RestartReason.PrimaryHostOffline);
        }
    }

    void PublishBirths(DateTimeOffset now, Outbox outbox)
    {
        _source.Sample(now);
        var timestamp = Milliseconds(now);
        // tck-id-payloads-nbirth-seq: NBIRTH seq 0; tck-id-payloads-nbirth-bdseq; tck-id-payloads-nbirth-rebirth-req:
        // Node Control/Rebirth, Boolean false, never aliased.
        LastSeq = _sequence.Birth();
        var nodeBirth = SparkplugPayloadEncoder.CreatePayload(now, LastSeq);
        nodeBirth.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(EdgeNodeSession.BdSeqMetricName, null, timestamp, MetricValue.FromInt64(BdSeq!.Value))));
        nodeBirth.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(SparkplugCommands.NodeControlRebirth, null, timestamp, MetricValue.FromBoolean(false))));
        AddBirthMetrics(nodeBirth, _node, timestamp);
        outbox.Publish(Message(_node.BirthTopic, nodeBirth, QualityOfService.AtMostOnce, "nbirth"));
        foreach (var device in _devices)
        {
            // tck-id-payloads-dbirth-order: every DBIRTH follows the NBIRTH, before any data.
            var deviceBirth = SparkplugPayloadEncoder.CreatePayload(now, NextSeq());
            AddBirthMetrics(deviceBirth, device, timestamp);
            outbox.Publish(Message(device.BirthTopic, deviceBirth, QualityOfService.AtMostOnce, "dbirth"));
        }
        State = EdgeNodeState.Born;
        _nextDataAt = _options.DataInterval is { } interval ? now + interval : null;
    }

    void AddBirthMetrics(Payload payload, MetricOwner owner, ulong timestamp)
    {
        for (var i = 0; i < owner.Metrics.Count; i++)
        {
            var definition = owner.Metrics[i];
            var value = _source.Read(definition);
            owner.LastReported[i] = value;
            var alias = _options.UseAliases ? definition.Alias : null;
            payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(definition.Name, alias, timestamp, value, definition.Properties)));
        }
    }

    /// <summary>Report by exception: one NDATA/DDATA per owner with the metrics whose value changed, none if nothing did.</summary>
    void PublishChanges(DateTimeOffset now, Outbox outbox)
    {
        _source.Sample(now);
        var timestamp = Milliseconds(now);
        PublishChanges(_node, now, timestamp, outbox, "ndata");
        foreach (var device in _devices)
        {
            PublishChanges(device, now, timestamp, outbox, "ddata");
        }
    }

    void PublishChanges(MetricOwner owner, DateTimeOffset now, ulong timestamp, Outbox outbox, string messageType)
    {
        Payload? data = null;
        for (var i = 0; i < owner.Metrics.Count; i++)
        {
            var definition = owner.Metrics[i];
            var value = _source.Read(definition);
            if (value.Equals(owner.LastReported[i]))
            {
                continue;
            }
            owner.LastReported[i] = value;
            data ??= SparkplugPayloadEncoder.CreatePayload(now, null);
            var byAlias = _options.UseAliases && definition.Alias is not null;
            var metric = new SparkplugMetric(byAlias ? null : definition.Name, byAlias ? definition.Alias : null, timestamp, value);
            data.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(metric, includeDataType: _options.DataTypesInData));
        }
        if (data is not null)
        {
            data.Seq = NextSeq();
            outbox.Publish(Message(owner.DataTopic, data, QualityOfService.AtMostOnce, messageType));
        }
    }

    byte NextSeq()
    {
        var seq = _sequence.Next();
        LastSeq = seq;
        return seq;
    }

    OutboundMessage Death(DateTimeOffset now)
    {
        var death = SparkplugPayloadEncoder.CreatePayload(now, seq: null);
        death.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(EdgeNodeSession.BdSeqMetricName, null, null, MetricValue.FromInt64(BdSeq!.Value))));
        return Message(_deathTopic, death, QualityOfService.AtLeastOnce, "ndeath");
    }

    static bool IsRebirthRequest(Payload command) =>
        command.Metrics.Any(m => m.HasName && m.Name == SparkplugCommands.NodeControlRebirth
            && SparkplugPayloadDecoder.TryReadValue(m, SparkplugDataType.Boolean, out var value) == MetricValueError.None
            && !value.IsNull && value.AsBoolean());

    static OutboundMessage Message(string topic, Payload payload, QualityOfService qualityOfService, string messageType) =>
        new(topic, payload.ToByteArray(), qualityOfService, Retain: false, Protocol, messageType);

    static ulong Milliseconds(DateTimeOffset now) => (ulong)now.ToUnixTimeMilliseconds();

    string Topic(SparkplugMessageType type, string? deviceId) => (deviceId is null
        ? SparkplugTopic.ForNode(_options.GroupId, type, _options.EdgeNodeId)
        : SparkplugTopic.ForDevice(_options.GroupId, type, _options.EdgeNodeId, deviceId)).ToString();

    /// <summary>The node or one device: its metrics, what was last reported of each, and its topics.</summary>
    sealed class MetricOwner(string? deviceId, IReadOnlyList<EdgeMetricDefinition> metrics, string birthTopic, string dataTopic, string commandTopic)
    {
        public string? DeviceId { get; } = deviceId;
        public IReadOnlyList<EdgeMetricDefinition> Metrics { get; } = metrics;
        public MetricValue[] LastReported { get; } = new MetricValue[metrics.Count];
        public string BirthTopic { get; } = birthTopic;
        public string DataTopic { get; } = dataTopic;
        public string CommandTopic { get; } = commandTopic;

        public int IndexOfAlias(ulong alias)
        {
            for (var i = 0; i < Metrics.Count; i++)
            {
                if (Metrics[i].Alias == alias)
                {
                    return i;
                }
            }
            return -1;
        }

        public int IndexOfName(string name)
        {
            for (var i = 0; i < Metrics.Count; i++)
            {
                if (Metrics[i].Name == name)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
