using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>
/// A Sparkplug host application's state machine for one edge node and its devices (Sparkplug 3.0 §5):
/// births and deaths, the shared <c>seq</c> with a reorder buffer, aliases, metric values and staleness.
/// </summary>
/// <remarks>
/// Pure: no clock, no timers, no I/O. The caller passes the receive time to <see cref="Apply"/> and calls
/// <see cref="Expire"/> when <see cref="ReorderDeadline"/> passes; both return a <see cref="SessionOutcome"/>.
/// Not thread-safe: the caller serialises access.
/// </remarks>
public sealed class EdgeNodeSession
{
    /// <summary>The NBIRTH/NDEATH metric carrying the birth/death sequence number.</summary>
    public const string BdSeqMetricName = "bdSeq";

    readonly EdgeNodeSessionOptions _options;
    readonly MetricDirectory _directory = new();
    readonly Dictionary<string, MetricState> _metrics = [];
    readonly Dictionary<string, DeviceSession> _devices = [];
    readonly Dictionary<byte, BufferedMessage> _reorderBuffer = [];

    // The last message dropped as behind LastSeq, and how many consecutive seqs were dropped up to it.
    byte? _lastBehindSeq;
    int _behindRun;
    // How many seqs right behind LastSeq this session has passed since its NBIRTH, at most SparkplugSeq.LateWindow.
    // A message that far behind is a late copy; further back it predates the session, and is taken as ahead of a gap.
    int _passedSeqs;

    public EdgeNodeSession(string groupId, string edgeNodeId, EdgeNodeSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(edgeNodeId);
        GroupId = groupId;
        EdgeNodeId = edgeNodeId;
        _options = options ?? new EdgeNodeSessionOptions();
    }

    public string GroupId { get; }
    public string EdgeNodeId { get; }
    public bool IsOnline { get; private set; }

    /// <summary>The bdSeq of the current (or last) NBIRTH; null before the first birth.</summary>
    public ulong? BdSeq { get; private set; }

    /// <summary>The seq of the last message applied in order; null before the first birth.</summary>
    public byte? LastSeq { get; private set; }

    public DateTimeOffset? BirthTime { get; private set; }
    public DateTimeOffset? DeathTime { get; private set; }
    public DateTimeOffset? LastMessageTime { get; private set; }

    /// <summary>When the open seq gap expires; null while no message is buffered.</summary>
    public DateTimeOffset? ReorderDeadline { get; private set; }

    public int BufferedMessageCount => _reorderBuffer.Count;
    public MetricDirectory Directory => _directory;
    public IReadOnlyDictionary<string, MetricState> Metrics => _metrics;
    public IReadOnlyDictionary<string, DeviceSession> Devices => _devices;

    /// <summary>Applies a message the edge node published (NBIRTH, NDEATH, DBIRTH, DDEATH, NDATA or DDATA).</summary>
    public SessionOutcome Apply(SparkplugTopic topic, Payload payload, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(payload);
        LastMessageTime = receivedAt;
        return topic.MessageType switch
        {
            SparkplugMessageType.NBirth => ApplyNodeBirth(payload, receivedAt),
            SparkplugMessageType.NDeath => ApplyNodeDeath(payload, receivedAt),
            SparkplugMessageType.DBirth or SparkplugMessageType.DDeath or SparkplugMessageType.NData or SparkplugMessageType.DData =>
                ApplySequenced(topic, payload, receivedAt),
            _ => new SessionOutcome(SessionOutcomeKind.Rejected, Reason: SessionReason.UnexpectedMessageType),
        };
    }

    /// <summary>
    /// Closes an expired seq gap: applies the buffered messages in seq order and asks for a rebirth
    /// (tck-id-operational-behavior-host-reordering-rebirth). Null when no gap has expired.
    /// </summary>
    public SessionOutcome? Expire(DateTimeOffset now)
    {
        if (ReorderDeadline is not { } deadline || now < deadline)
        {
            return null;
        }
        return FlushReorderBuffer(RebirthReason.SeqGap);
    }

    /// <summary>Marks every metric stale, e.g. when the host loses its broker connection.</summary>
    public void MarkStale(DateTimeOffset at)
    {
        foreach (var metric in _metrics.Values)
        {
            metric.MarkStale(at);
        }
        foreach (var device in _devices.Values)
        {
            foreach (var metric in device.Metrics.Values)
            {
                metric.MarkStale(at);
            }
        }
    }

    SessionOutcome ApplyNodeBirth(Payload payload, DateTimeOffset receivedAt)
    {
        if (!payload.HasSeq)
        {
            return new SessionOutcome(SessionOutcomeKind.Rejected, Reason: SessionReason.MissingSeq);
        }
        if (!SparkplugSeq.TryFromWire(payload.Seq, out var seq))
        {
            return new SessionOutcome(SessionOutcomeKind.Rejected, Reason: SessionReason.InvalidSeq);
        }
        if (!TryReadBdSeq(payload, out var bdSeq))
        {
            return new SessionOutcome(SessionOutcomeKind.Rejected, Reason: SessionReason.MissingBdSeq);
        }

        // A new NBIRTH starts a new session: metrics, aliases and seq all reset (Sparkplug 3.0 §5.8).
        _directory.Clear();
        _metrics.Clear();
        _reorderBuffer.Clear();
        ReorderDeadline = null;
        foreach (var device in _devices.Values)
        {
            device.Died(receivedAt);
        }

        var rebirth = RebirthReason.None;
        List<MetricValueError>? invalid = null;
        var historical = 0;
        foreach (var metric in payload.Metrics)
        {
            var error = RegisterBirthMetric(null, metric, payload, _metrics, ref rebirth, ref historical);
            if (error != MetricValueError.None)
            {
                (invalid ??= []).Add(error);
            }
        }

        IsOnline = true;
        BdSeq = bdSeq;
        LastSeq = seq;
        _passedSeqs = 0;
        _lastBehindSeq = null;
        BirthTime = receivedAt;
        DeathTime = null;
        return new SessionOutcome(SessionOutcomeKind.Accepted, rebirth, InvalidValues: invalid, AppliedMessages: 1, HistoricalValues: historical);
    }

    SessionOutcome ApplyNodeDeath(Payload payload, DateTimeOffset receivedAt)
    {
        if (!TryReadBdSeq(payload, out var bdSeq))
        {
            return new SessionOutcome(SessionOutcomeKind.Rejected, Reason: SessionReason.MissingBdSeq);
        }
        if (!IsOnline)
        {
            return new SessionOutcome(SessionOutcomeKind.Ignored, Reason: SessionReason.DeathWhileOffline);
        }
        // A will left over from an earlier MQTT session carries an older bdSeq (Sparkplug 3.0 §5.9,
        // tck-id-operational-behavior-edge-node-termination-host-action-ndeath-node-offline).
        if (bdSeq != BdSeq)
        {
            return new SessionOutcome(SessionOutcomeKind.Ignored, Reason: SessionReason.StaleDeath);
        }

        IsOnline = false;
        DeathTime = receivedAt;
        _reorderBuffer.Clear();
        ReorderDeadline = null;
        // NDEATH's own timestamp is from CONNECT time; the host's receive time marks staleness.
        foreach (var metric in _metrics.Values)
        {
            metric.MarkStale(receivedAt);
        }
        foreach (var device in _devices.Values)
        {
            device.Died(receivedAt);
        }
        return new SessionOutcome(SessionOutcomeKind.Accepted, AppliedMessages: 1);
    }

    SessionOutcome ApplySequenced(SparkplugTopic topic, Payload payload, DateTimeOffset receivedAt)
    {
        if (!IsOnline || LastSeq is not { } lastSeq)
        {
            return new SessionOutcome(SessionOutcomeKind.Ignored, RebirthReason.DataBeforeBirth);
        }
        if (!payload.HasSeq)
        {
            return new SessionOutcome(SessionOutcomeKind.Rejected, Reason: SessionReason.MissingSeq);
        }
        if (!SparkplugSeq.TryFromWire(payload.Seq, out var seq))
        {
            return new SessionOutcome(SessionOutcomeKind.Rejected, Reason: SessionReason.InvalidSeq);
        }

        if (seq == SparkplugSeq.Next(lastSeq))
        {
            var outcome = ApplyInOrder(topic, payload, receivedAt);
            AdvanceTo(seq);
            var released = ReleaseConsecutive(ref outcome);
            if (_reorderBuffer.Count == 0)
            {
                ReorderDeadline = null;
            }
            return outcome with { Kind = SessionOutcomeKind.Accepted, AppliedMessages = 1 + released };
        }
        // Behind or ahead is decided modulo 256: a copy of a seq already passed (sent twice, or overtaken) must never
        // be applied, held or waited for, or it would roll values and LastSeq back and hold the in-order traffic.
        var behind = SparkplugSeq.Distance(seq, lastSeq);
        if (behind <= _passedSeqs)
        {
            return IgnoreBehind(seq, behind);
        }
        if (_reorderBuffer.ContainsKey(seq))
        {
            return new SessionOutcome(SessionOutcomeKind.Ignored, Reason: SessionReason.DuplicateSeq);
        }

        _reorderBuffer[seq] = new BufferedMessage(topic, payload, receivedAt);
        if (_options.ReorderTimeout <= TimeSpan.Zero || _reorderBuffer.Count > _options.MaxBufferedMessages)
        {
            return FlushReorderBuffer(RebirthReason.SeqGap);
        }
        ReorderDeadline ??= receivedAt + _options.ReorderTimeout;
        return new SessionOutcome(SessionOutcomeKind.Buffered);
    }

    /// <summary>
    /// Drops a message at or behind LastSeq. A late copy comes alone; a run of consecutive seqs "behind" is a node that
    /// lost so many messages (128 or more) that its seq came round behind the host's: ask for a rebirth, again every
    /// few messages while the run lasts (a request may be lost, and the host's throttle spaces them), rather than drop
    /// its data until its seq catches up.
    /// </summary>
    SessionOutcome IgnoreBehind(byte seq, int behind)
    {
        _behindRun = _lastBehindSeq is { } previous && seq == SparkplugSeq.Next(previous) ? _behindRun + 1 : 1;
        _lastBehindSeq = seq;
        return new SessionOutcome(SessionOutcomeKind.Ignored, Reason: behind == 0 ? SessionReason.DuplicateSeq : SessionReason.LateSeq)
        {
            Rebirth = _behindRun % SparkplugSeq.BehindRunForRebirth == 0 ? RebirthReason.SeqGap : RebirthReason.None,
        };
    }

    int ReleaseConsecutive(ref SessionOutcome outcome)
    {
        var released = 0;
        while (LastSeq is { } last && _reorderBuffer.Remove(SparkplugSeq.Next(last), out var next))
        {
            outcome = Merge(outcome, ApplyInOrder(next.Topic, next.Payload, next.ReceivedAt));
            AdvanceTo(SparkplugSeq.Next(last));
            released++;
        }
        return released;
    }

    SessionOutcome FlushReorderBuffer(RebirthReason reason)
    {
        var outcome = new SessionOutcome(SessionOutcomeKind.Accepted, reason);
        var applied = 0;
        var from = LastSeq ?? 0;
        foreach (var (seq, message) in _reorderBuffer.OrderBy(entry => SparkplugSeq.Distance(from, entry.Key)).ToList())
        {
            if (!IsOnline)
            {
                break;
            }
            outcome = Merge(outcome, ApplyInOrder(message.Topic, message.Payload, message.ReceivedAt));
            AdvanceTo(seq);
            applied++;
        }
        _reorderBuffer.Clear();
        ReorderDeadline = null;
        return outcome with { Rebirth = reason, AppliedMessages = applied };
    }

    /// <summary>Moves LastSeq forward; the seqs skipped by an expired gap count as passed, too.</summary>
    void AdvanceTo(byte seq)
    {
        _lastBehindSeq = null;
        _passedSeqs = Math.Min(SparkplugSeq.LateWindow, _passedSeqs + SparkplugSeq.Distance(LastSeq ?? seq, seq));
        LastSeq = seq;
    }

    SessionOutcome ApplyInOrder(SparkplugTopic topic, Payload payload, DateTimeOffset receivedAt)
    {
        var rebirth = RebirthReason.None;
        List<MetricValueError>? invalid = null;
        var historical = 0;
        switch (topic.MessageType)
        {
            case SparkplugMessageType.DBirth:
                var deviceId = topic.DeviceId!;
                if (!_devices.TryGetValue(deviceId, out var device))
                {
                    if (_devices.Count >= _options.MaxDevices)
                    {
                        return new SessionOutcome(SessionOutcomeKind.Accepted, RefusedDevices: 1);
                    }
                    device = new DeviceSession(deviceId);
                    _devices.Add(deviceId, device);
                }
                _directory.ClearDevice(deviceId);
                device.Born(receivedAt);
                foreach (var metric in payload.Metrics)
                {
                    var error = RegisterBirthMetric(deviceId, metric, payload, device.MutableMetrics, ref rebirth, ref historical);
                    if (error != MetricValueError.None)
                    {
                        (invalid ??= []).Add(error);
                    }
                }
                break;

            case SparkplugMessageType.DDeath:
                if (_devices.TryGetValue(topic.DeviceId!, out var dying) && dying.IsOnline)
                {
                    // DDEATH marks staleness with its own payload timestamp (Sparkplug 3.0 §5.12).
                    var at = payload.HasTimestamp ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(payload.Timestamp, long.MaxValue)) : receivedAt;
                    dying.Died(at);
                }
                break;

            case SparkplugMessageType.NData:
                ApplyData(null, _metrics, payload, ref rebirth, ref invalid, ref historical);
                break;

            case SparkplugMessageType.DData:
                if (_devices.TryGetValue(topic.DeviceId!, out var target) && target.IsOnline)
                {
                    ApplyData(target.DeviceId, target.MutableMetrics, payload, ref rebirth, ref invalid, ref historical);
                }
                else if (target is null && _devices.Count >= _options.MaxDevices)
                {
                    // A device refused for the limit: a rebirth would only birth it, and be refused, again.
                    return new SessionOutcome(SessionOutcomeKind.Accepted, RefusedDevices: 1);
                }
                else
                {
                    rebirth = RebirthReason.DataBeforeBirth;
                }
                break;
        }
        return new SessionOutcome(SessionOutcomeKind.Accepted, rebirth, InvalidValues: invalid, HistoricalValues: historical);
    }

    void ApplyData(string? deviceId, Dictionary<string, MetricState> metrics, Payload payload, ref RebirthReason rebirth, ref List<MetricValueError>? invalid, ref int historical)
    {
        foreach (var metric in payload.Metrics)
        {
            var alias = metric.HasAlias ? metric.Alias : (ulong?)null;
            var name = metric.HasName ? metric.Name : null;
            if (!_directory.TryResolve(deviceId, name, alias, out var descriptor) || !metrics.TryGetValue(descriptor.Name, out var state))
            {
                rebirth = Prefer(rebirth, alias is not null ? RebirthReason.UnknownAlias : RebirthReason.UnknownMetric);
                continue;
            }
            // The hot path: read the value in place; only metrics that carry properties allocate.
            if (metric.HasDatatype && SparkplugPayloadDecoder.ToDataType(metric.Datatype) != descriptor.DataType)
            {
                (invalid ??= []).Add(MetricValueError.WrongValueField);
                continue;
            }
            // A template instance in DATA may carry only some members: it updates the instance the birth declared.
            var error = descriptor.DataType == SparkplugDataType.Template && !state.Value.IsNull && !metric.IsNull
                && metric.ValueCase == Payload.Types.Metric.ValueOneofCase.TemplateValue
                ? SparkplugPayloadDecoder.TryReadTemplateUpdate(metric.TemplateValue, state.Value.AsTemplate(), out var value)
                : SparkplugPayloadDecoder.TryReadValue(metric, descriptor.DataType, out value);
            SparkplugPropertySet? properties = null;
            if (error == MetricValueError.None && metric.Properties is not null)
            {
                error = SparkplugPayloadDecoder.TryReadPropertySet(metric.Properties, out properties);
            }
            if (error != MetricValueError.None)
            {
                (invalid ??= []).Add(error);
                continue;
            }
            var timestamp = metric.HasTimestamp ? metric.Timestamp : payload.HasTimestamp ? payload.Timestamp : (ulong?)null;
            Store(state, value, timestamp, properties, metric.IsHistorical, ref historical);
        }
    }

    /// <summary>
    /// The value becomes the metric's current one, or, sent with <c>is_historical</c>, goes to its history and is
    /// counted: an old value (e.g. backfill after an outage) must not replace the current one (Sparkplug 3.0 §6.4.6).
    /// </summary>
    static void Store(MetricState state, MetricValue value, ulong? timestamp, SparkplugPropertySet? properties, bool isHistorical, ref int historical)
    {
        if (isHistorical)
        {
            state.AddHistorical(value, timestamp);
            historical++;
            return;
        }
        state.Update(value, timestamp, properties);
    }

    MetricValueError RegisterBirthMetric(string? deviceId, Payload.Types.Metric metric, Payload payload, Dictionary<string, MetricState> metrics, ref RebirthReason rebirth, ref int historical)
    {
        if (MetricDescriptor.FromBirth(deviceId, metric) is not { } descriptor)
        {
            return MetricValueError.MissingName;
        }
        if (!_directory.TryAdd(descriptor))
        {
            rebirth = Prefer(rebirth, RebirthReason.DuplicateAlias);
            descriptor = descriptor with { Alias = null };
            _directory.TryAdd(descriptor);
        }
        var state = new MetricState(descriptor, _options.MaxHistoricalValues);
        metrics[descriptor.Name] = state;
        var error = SparkplugPayloadDecoder.TryReadMetric(metric, null, out var decoded);
        if (error != MetricValueError.None)
        {
            return error;
        }
        Store(state, decoded.Value, decoded.Timestamp ?? (payload.HasTimestamp ? payload.Timestamp : null), decoded.Properties, decoded.IsHistorical, ref historical);
        return MetricValueError.None;
    }

    static bool TryReadBdSeq(Payload payload, out ulong bdSeq)
    {
        foreach (var metric in payload.Metrics)
        {
            if (metric.Name != BdSeqMetricName)
            {
                continue;
            }
            // The normative type is Int64; the specification's own example uses UInt64. Accept any integer.
            var dataType = metric.HasDatatype ? SparkplugPayloadDecoder.ToDataType(metric.Datatype) : SparkplugDataType.Int64;
            if (SparkplugPayloadDecoder.TryReadValue(metric, dataType, out var value) == MetricValueError.None
                && !value.IsNull && (value.IsSignedInteger || value.IsUnsignedInteger))
            {
                bdSeq = value.IsUnsignedInteger ? value.AsUInt64() : unchecked((ulong)value.AsInt64());
                return true;
            }
            break;
        }
        bdSeq = 0;
        return false;
    }

    static SessionOutcome Merge(SessionOutcome first, SessionOutcome second)
    {
        IReadOnlyList<MetricValueError>? invalid = (first.InvalidValues, second.InvalidValues) switch
        {
            (null, var b) => b,
            (var a, null) => a,
            (var a, var b) => [.. a, .. b],
        };
        return first with
        {
            Rebirth = Prefer(first.Rebirth, second.Rebirth),
            InvalidValues = invalid,
            RefusedDevices = first.RefusedDevices + second.RefusedDevices,
            HistoricalValues = first.HistoricalValues + second.HistoricalValues,
        };
    }

    static RebirthReason Prefer(RebirthReason current, RebirthReason candidate) =>
        current == RebirthReason.None ? candidate : current;

    readonly record struct BufferedMessage(SparkplugTopic Topic, Payload Payload, DateTimeOffset ReceivedAt);
}
