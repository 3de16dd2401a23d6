using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.Session;

public class EdgeNodeSessionTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly SparkplugTopic NBirth = SparkplugTopic.ForNode("G", SparkplugMessageType.NBirth, "E");
    static readonly SparkplugTopic NDeath = SparkplugTopic.ForNode("G", SparkplugMessageType.NDeath, "E");
    static readonly SparkplugTopic NData = SparkplugTopic.ForNode("G", SparkplugMessageType.NData, "E");
    static readonly SparkplugTopic DBirth = SparkplugTopic.ForDevice("G", SparkplugMessageType.DBirth, "E", "D");
    static readonly SparkplugTopic DData = SparkplugTopic.ForDevice("G", SparkplugMessageType.DData, "E", "D");
    static readonly SparkplugTopic DDeath = SparkplugTopic.ForDevice("G", SparkplugMessageType.DDeath, "E", "D");

    readonly EdgeNodeSession _session = new("G", "E", new EdgeNodeSessionOptions { ReorderTimeout = TimeSpan.FromSeconds(2) });

    [Fact]
    public void NodeBirth_SetsOnlineBdSeqSeqAndMetrics()
    {
        var outcome = _session.Apply(NBirth, NodeBirthPayload(bdSeq: 3), T0);

        Assert.Equal(SessionOutcomeKind.Accepted, outcome.Kind);
        Assert.False(outcome.RequiresRebirth);
        Assert.True(_session.IsOnline);
        Assert.Equal(3UL, _session.BdSeq);
        Assert.Equal((byte)0, _session.LastSeq);
        Assert.Equal(20.5, _session.Metrics["temperature"].Value.AsDouble());
        Assert.False(_session.Metrics["Node Control/Rebirth"].Value.AsBoolean());
    }

    [Fact]
    public void DataByAlias_UpdatesTheNamedMetric()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);

        var outcome = _session.Apply(NData, DataByAlias(seq: 1, alias: 1, MetricValue.FromDouble(22.25)), T0);

        Assert.Equal(SessionOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal(22.25, _session.Metrics["temperature"].Value.AsDouble());
        Assert.Equal((byte)1, _session.LastSeq);
    }

    [Fact]
    public void DataBeforeBirth_AsksForRebirth()
    {
        var outcome = _session.Apply(NData, DataByAlias(seq: 1, alias: 1, MetricValue.FromDouble(1)), T0);

        Assert.Equal(RebirthReason.DataBeforeBirth, outcome.Rebirth);
        Assert.False(_session.IsOnline);
    }

    [Fact]
    public void UnknownAlias_AsksForRebirth_AndKeepsTheOtherMetrics()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        var payload = DataByAlias(seq: 1, alias: 99, MetricValue.FromDouble(1));
        payload.Metrics.Add(new Payload.Types.Metric { Alias = 1, DoubleValue = 30 });

        var outcome = _session.Apply(NData, payload, T0);

        Assert.Equal(RebirthReason.UnknownAlias, outcome.Rebirth);
        Assert.Equal(30, _session.Metrics["temperature"].Value.AsDouble());
    }

    [Fact]
    public void MetricNotInBirth_AsksForRebirth()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        var payload = SparkplugPayloadEncoder.CreatePayload(T0, 1);
        payload.Metrics.Add(new Payload.Types.Metric { Name = "humidity", DoubleValue = 1 });

        Assert.Equal(RebirthReason.UnknownMetric, _session.Apply(NData, payload, T0).Rebirth);
    }

    [Fact]
    public void SeqGap_BuffersUntilTheMissingMessageArrives_ThenAppliesInOrder()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);

        var early = _session.Apply(NData, DataByAlias(seq: 2, alias: 1, MetricValue.FromDouble(2)), T0);
        Assert.Equal(SessionOutcomeKind.Buffered, early.Kind);
        Assert.Equal(T0.AddSeconds(2), _session.ReorderDeadline);

        var late = _session.Apply(NData, DataByAlias(seq: 1, alias: 1, MetricValue.FromDouble(1)), T0.AddSeconds(1));

        Assert.Equal(SessionOutcomeKind.Accepted, late.Kind);
        Assert.Equal(2, late.AppliedMessages);
        Assert.False(late.RequiresRebirth);
        Assert.Equal(2, _session.Metrics["temperature"].Value.AsDouble());
        Assert.Equal((byte)2, _session.LastSeq);
        Assert.Null(_session.ReorderDeadline);
        Assert.Null(_session.Expire(T0.AddSeconds(10)));
    }

    [Fact]
    public void SeqGap_NotFilledBeforeTheTimeout_AsksForRebirthOnce()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        _session.Apply(NData, DataByAlias(seq: 2, alias: 1, MetricValue.FromDouble(2)), T0);
        _session.Apply(NData, DataByAlias(seq: 3, alias: 1, MetricValue.FromDouble(3)), T0.AddSeconds(1));

        Assert.Null(_session.Expire(T0.AddSeconds(1.9)));
        var expired = _session.Expire(T0.AddSeconds(2));

        Assert.NotNull(expired);
        Assert.Equal(RebirthReason.SeqGap, expired.Value.Rebirth);
        Assert.Equal(2, expired.Value.AppliedMessages);
        Assert.Equal(3, _session.Metrics["temperature"].Value.AsDouble());
        Assert.Equal((byte)3, _session.LastSeq);
        Assert.Null(_session.Expire(T0.AddSeconds(3)));
    }

    [Fact]
    public void SeqWrap_From255To0_IsInOrder()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        for (var seq = 1; seq <= 255; seq++)
        {
            Assert.Equal(SessionOutcomeKind.Accepted, _session.Apply(NData, DataByAlias((byte)seq, 1, MetricValue.FromDouble(seq)), T0).Kind);
        }

        var wrapped = _session.Apply(NData, DataByAlias(0, 1, MetricValue.FromDouble(256)), T0);

        Assert.Equal(SessionOutcomeKind.Accepted, wrapped.Kind);
        Assert.Equal((byte)0, _session.LastSeq);
    }

    [Fact]
    public void LateCopyOfAnAppliedSeq_IsDropped_NeverRollsBack_AndHoldsNothingBehindIt()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        for (byte seq = 1; seq <= 3; seq++)
        {
            _session.Apply(NData, DataByAlias(seq, 1, MetricValue.FromDouble(seq)), T0);
        }

        var late = _session.Apply(NData, DataByAlias(2, 1, MetricValue.FromDouble(2)), T0);
        _session.Apply(NData, DataByAlias(4, 1, MetricValue.FromDouble(4)), T0);

        Assert.Equal(SessionOutcomeKind.Ignored, late.Kind);
        Assert.Equal(SessionReason.LateSeq, late.Reason);
        Assert.False(late.RequiresRebirth);
        Assert.Equal(0, _session.BufferedMessageCount);
        Assert.Null(_session.Expire(T0.AddSeconds(10)));
        Assert.Equal(4, _session.Metrics["temperature"].Value.AsDouble());
        Assert.Equal((byte)4, _session.LastSeq);
        Assert.Equal(SessionOutcomeKind.Accepted, _session.Apply(NData, DataByAlias(5, 1, MetricValue.FromDouble(5)), T0).Kind);
        Assert.Equal((byte)5, _session.LastSeq);
    }

    [Fact]
    public void ARunOfConsecutiveSeqsBehind_IsANodeThatLostAWrapOfMessages_AndAsksForARebirthEveryThirdMessage()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        for (var seq = 1; seq <= 200; seq++)
        {
            _session.Apply(NData, DataByAlias((byte)seq, 1, MetricValue.FromDouble(seq)), T0);
        }

        // 130 messages lost: seq 331 is 75 on the wire, 125 "behind" 200; the node goes on counting from there.
        var outcomes = Enumerable.Range(331, 7).Select(seq => _session.Apply(NData, DataByAlias((byte)seq, 1, MetricValue.FromDouble(seq)), T0)).ToList();

        Assert.All(outcomes, outcome => Assert.Equal(SessionReason.LateSeq, outcome.Reason));
        Assert.Equal([false, false, true, false, false, true, false], outcomes.Select(outcome => outcome.RequiresRebirth));
        Assert.Equal(RebirthReason.SeqGap, outcomes[2].Rebirth);
        Assert.Equal(200, _session.Metrics["temperature"].Value.AsDouble());
    }

    [Fact]
    public void LateCopyAcrossTheWrap_IsDropped()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        for (var seq = 1; seq <= 258; seq++)
        {
            _session.Apply(NData, DataByAlias((byte)seq, 1, MetricValue.FromDouble(seq)), T0);
        }

        var late = _session.Apply(NData, DataByAlias(254, 1, MetricValue.FromDouble(254)), T0);

        Assert.Equal(SessionReason.LateSeq, late.Reason);
        Assert.Equal((byte)2, _session.LastSeq);
        Assert.Equal(258, _session.Metrics["temperature"].Value.AsDouble());
        Assert.Null(_session.ReorderDeadline);
    }

    [Fact]
    public void SeqBehindButNeverPassedInThisSession_IsAheadOfAGap_NotLate()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        _session.Apply(NData, DataByAlias(1, 1, MetricValue.FromDouble(1)), T0);

        // 200 is 57 behind seq 1 modulo 256, but this session has passed only seq 0 and 1: it lies ahead.
        var ahead = _session.Apply(NData, DataByAlias(200, 1, MetricValue.FromDouble(200)), T0);

        Assert.Equal(SessionOutcomeKind.Buffered, ahead.Kind);
    }

    [Fact]
    public void RebirthAfterGap_ClearsTheGap()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        _session.Apply(NData, DataByAlias(seq: 5, alias: 1, MetricValue.FromDouble(5)), T0);

        _session.Apply(NBirth, NodeBirthPayload(), T0.AddSeconds(1));

        Assert.Equal(0, _session.BufferedMessageCount);
        Assert.Null(_session.ReorderDeadline);
        Assert.Equal(SessionOutcomeKind.Accepted, _session.Apply(NData, DataByAlias(1, 1, MetricValue.FromDouble(1)), T0).Kind);
    }

    [Fact]
    public void NodeDeath_WithCurrentBdSeq_MarksNodeAndDevicesOfflineAndStaleAtReceiveTime()
    {
        _session.Apply(NBirth, NodeBirthPayload(bdSeq: 4), T0);
        _session.Apply(DBirth, DeviceBirthPayload(seq: 1), T0);
        var deathTime = T0.AddMinutes(1);

        var outcome = _session.Apply(NDeath, DeathPayload(bdSeq: 4), deathTime);

        Assert.Equal(SessionOutcomeKind.Accepted, outcome.Kind);
        Assert.False(_session.IsOnline);
        Assert.False(_session.Devices["D"].IsOnline);
        Assert.True(_session.Metrics["temperature"].IsStale);
        Assert.Equal(deathTime, _session.Metrics["temperature"].StaleSince);
        Assert.Equal(SparkplugQuality.Stale, _session.Devices["D"].Metrics["setpoint"].Quality);
        Assert.Equal(deathTime, _session.Devices["D"].Metrics["setpoint"].StaleSince);
    }

    [Fact]
    public void SecondNodeDeath_WithTheSameBdSeq_IsIgnored_AndChangesNothing()
    {
        _session.Apply(NBirth, NodeBirthPayload(bdSeq: 4), T0);
        _session.Apply(DBirth, DeviceBirthPayload(seq: 1), T0);
        _session.Apply(NDeath, DeathPayload(bdSeq: 4), T0.AddMinutes(1));

        var again = _session.Apply(NDeath, DeathPayload(bdSeq: 4), T0.AddMinutes(2));

        Assert.Equal(SessionOutcomeKind.Ignored, again.Kind);
        Assert.Equal(SessionReason.DeathWhileOffline, again.Reason);
        Assert.False(again.RequiresRebirth);
        Assert.Equal(0, again.AppliedMessages);
        Assert.False(_session.IsOnline);
        Assert.Equal(T0.AddMinutes(1), _session.DeathTime);
        Assert.Equal(T0.AddMinutes(1), _session.Metrics["temperature"].StaleSince);
        Assert.Equal(T0.AddMinutes(1), _session.Devices["D"].DeathTime);
        Assert.Equal(T0.AddMinutes(1), _session.Devices["D"].Metrics["setpoint"].StaleSince);
    }

    [Fact]
    public void NodeDeath_WithOlderBdSeq_IsIgnoredAsStaleWill()
    {
        _session.Apply(NBirth, NodeBirthPayload(bdSeq: 5), T0);

        var outcome = _session.Apply(NDeath, DeathPayload(bdSeq: 4), T0);

        Assert.Equal(SessionOutcomeKind.Ignored, outcome.Kind);
        Assert.Equal(SessionReason.StaleDeath, outcome.Reason);
        Assert.True(_session.IsOnline);
        Assert.False(_session.Metrics["temperature"].IsStale);
    }

    [Fact]
    public void DeviceDeath_MarksDeviceMetricsStaleAtThePayloadTimestamp()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        _session.Apply(DBirth, DeviceBirthPayload(seq: 1), T0);
        var payloadTime = T0.AddSeconds(30);

        _session.Apply(DDeath, SparkplugPayloadEncoder.CreatePayload(payloadTime, 2), T0.AddSeconds(31));

        Assert.False(_session.Devices["D"].IsOnline);
        Assert.Equal(payloadTime, _session.Devices["D"].Metrics["setpoint"].StaleSince);
        Assert.True(_session.IsOnline);
        Assert.False(_session.Metrics["temperature"].IsStale);
    }

    [Fact]
    public void DeviceDataByAlias_ResolvesAcrossTheNodeDirectory()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        _session.Apply(DBirth, DeviceBirthPayload(seq: 1), T0);

        _session.Apply(DData, DataByAlias(seq: 2, alias: 10, MetricValue.FromFloat(7.5f)), T0);

        Assert.Equal(7.5f, _session.Devices["D"].Metrics["setpoint"].Value.AsFloat());
    }

    [Fact]
    public void DuplicateAliasInBirth_AsksForRebirth()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        var birth = DeviceBirthPayload(seq: 1);
        birth.Metrics[0].Alias = 1; // already used by the node's temperature

        Assert.Equal(RebirthReason.DuplicateAlias, _session.Apply(DBirth, birth, T0).Rebirth);
    }

    [Fact]
    public void InvalidValue_IsReportedAndSkipped_OtherMetricsStillApply()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        var payload = SparkplugPayloadEncoder.CreatePayload(T0, 1);
        payload.Metrics.Add(new Payload.Types.Metric { Alias = 2, StringValue = "not a number" });
        payload.Metrics.Add(new Payload.Types.Metric { Alias = 1, DoubleValue = 9 });

        var outcome = _session.Apply(NData, payload, T0);

        Assert.Equal([MetricValueError.WrongValueField], outcome.InvalidValues);
        Assert.Equal(9, _session.Metrics["temperature"].Value.AsDouble());
    }

    [Fact]
    public void NodeBirthWithoutBdSeq_IsRejected()
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(T0, 0);

        var outcome = _session.Apply(NBirth, payload, T0);

        Assert.Equal(SessionOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(SessionReason.MissingBdSeq, outcome.Reason);
        Assert.False(_session.IsOnline);
    }

    [Fact]
    public void DataWithoutSeq_IsRejected()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        var payload = new Payload { Timestamp = 1 };

        Assert.Equal(SessionReason.MissingSeq, _session.Apply(NData, payload, T0).Reason);
    }

    [Fact]
    public void QualityProperty_IsReported_AndStaleOverridesIt()
    {
        _session.Apply(NBirth, NodeBirthPayload(bdSeq: 1), T0);
        var payload = SparkplugPayloadEncoder.CreatePayload(T0, 1);
        var metric = new Payload.Types.Metric { Alias = 1, DoubleValue = 1 };
        metric.Properties = SparkplugPayloadEncoder.EncodePropertySet(new SparkplugPropertySet([new(SparkplugPropertySet.QualityKey, MetricValue.FromInt32(0))]));
        payload.Metrics.Add(metric);

        _session.Apply(NData, payload, T0);
        Assert.Equal(SparkplugQuality.Bad, _session.Metrics["temperature"].Quality);

        _session.Apply(NDeath, DeathPayload(1), T0);
        Assert.Equal(SparkplugQuality.Stale, _session.Metrics["temperature"].Quality);
    }

    [Fact]
    public void QualityProperty_TravelsWithItsValue_AValueWithoutItIsGood()
    {
        var birth = NodeBirthPayload(bdSeq: 1);
        var bad = SparkplugPayloadEncoder.EncodePropertySet(new SparkplugPropertySet([
            new(SparkplugPropertySet.QualityKey, MetricValue.FromInt32(0)),
            new("engUnit", MetricValue.FromString("°C")),
        ]));
        birth.Metrics.Single(m => m.Name == "temperature").Properties = bad;
        _session.Apply(NBirth, birth, T0);
        Assert.Equal(SparkplugQuality.Bad, _session.Metrics["temperature"].Quality);

        _session.Apply(NData, DataByAlias(seq: 1, alias: 1, MetricValue.FromDouble(21)), T0);

        var temperature = _session.Metrics["temperature"];
        Assert.Equal(SparkplugQuality.Good, temperature.Quality);
        Assert.Null(temperature.ReportedQuality);
        Assert.False(temperature.Properties!.TryGetValue(SparkplugPropertySet.QualityKey, out _));
        Assert.Equal("°C", temperature.Properties.TryGetValue("engUnit", out var unit) ? unit.AsString() : null);
    }

    [Fact]
    public void TemplateInstanceData_WithASubsetOfMembersWithoutDatatypes_UpdatesThoseMembersOnly()
    {
        _session.Apply(NBirth, BirthWithMotorInstance(), T0);

        // tck-id-payloads-template-instance-members-data: a DATA instance MAY carry a subset of the members.
        var data = SparkplugPayloadEncoder.CreatePayload(T0, 1);
        var update = new Payload.Types.Template { IsDefinition = false, TemplateRef = "Motor" };
        update.Metrics.Add(new Payload.Types.Metric { Name = "speed", Timestamp = 5, DoubleValue = 2.5 });
        data.Metrics.Add(new Payload.Types.Metric { Alias = 3, Timestamp = 5, TemplateValue = update });
        var outcome = _session.Apply(NData, data, T0);

        Assert.Null(outcome.InvalidValues);
        var motor = _session.Metrics["motor1"].Value.AsTemplate();
        Assert.Equal("Motor", motor.TemplateRef);
        Assert.Equal(["speed", "running"], motor.Metrics.Select(m => m.Name));
        Assert.Equal(MetricValue.FromDouble(2.5), motor.Metrics[0].Value);
        Assert.Equal(5UL, motor.Metrics[0].Timestamp);
        Assert.Equal(MetricValue.FromBoolean(true), motor.Metrics[1].Value);
    }

    [Fact]
    public void TemplateInstanceData_WithAMemberTheBirthDidNotDeclare_IsInvalid_AndTheInstanceKeepsItsValues()
    {
        _session.Apply(NBirth, BirthWithMotorInstance(), T0);

        var data = SparkplugPayloadEncoder.CreatePayload(T0, 1);
        var update = new Payload.Types.Template { IsDefinition = false, TemplateRef = "Motor" };
        update.Metrics.Add(new Payload.Types.Metric { Name = "speed", DoubleValue = 2.5 });
        update.Metrics.Add(new Payload.Types.Metric { Name = "torque", DoubleValue = 9 });
        data.Metrics.Add(new Payload.Types.Metric { Alias = 3, TemplateValue = update });

        Assert.Equal([MetricValueError.UnknownTemplateMember], _session.Apply(NData, data, T0).InvalidValues);
        Assert.Equal(MetricValue.FromDouble(1), _session.Metrics["motor1"].Value.AsTemplate().Metrics[0].Value);
    }

    [Fact]
    public void HistoricalValue_LeavesTheCurrentValueAlone()
    {
        _session.Apply(NBirth, NodeBirthPayload(), T0);
        _session.Apply(NData, DataByAlias(seq: 1, alias: 1, MetricValue.FromDouble(21)), T0);
        var hourAgo = (ulong)T0.AddHours(-1).ToUnixTimeMilliseconds();

        var data = SparkplugPayloadEncoder.CreatePayload(T0, 2);
        data.Metrics.Add(new Payload.Types.Metric { Alias = 1, Timestamp = hourAgo, IsHistorical = true, DoubleValue = 5 });
        var outcome = _session.Apply(NData, data, T0);

        Assert.Equal(SessionOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal(1, outcome.HistoricalValues);
        Assert.Equal(21, _session.Metrics["temperature"].Value.AsDouble());
        Assert.Equal(1UL, _session.Metrics["temperature"].Timestamp);
        Assert.Equal([new HistoricalValue(MetricValue.FromDouble(5), hourAgo)], _session.Metrics["temperature"].History);
    }

    [Fact]
    public void History_KeepsTheNewestValuesByTimestamp_UpToTheLimit_AndZeroKeepsNone()
    {
        var state = new MetricState(new MetricDescriptor(null, "m", null, SparkplugDataType.Int64), maxHistoricalValues: 2);
        var none = new MetricState(new MetricDescriptor(null, "m", null, SparkplugDataType.Int64), maxHistoricalValues: 0);

        foreach (var timestamp in new ulong[] { 30, 10, 20, 5 })
        {
            state.AddHistorical(MetricValue.FromInt64((long)timestamp), timestamp);
            none.AddHistorical(MetricValue.FromInt64((long)timestamp), timestamp);
        }

        Assert.Equal([20UL, 30UL], state.History.Select(h => h.Timestamp!.Value));
        Assert.Empty(none.History);
        Assert.True(state.Value.IsNull);
    }

    [Fact]
    public void ADevicePastMaxDevices_IsRefusedAndCounted_ItsDataCostsNoRebirth_AndKnownDevicesStillWork()
    {
        var session = new EdgeNodeSession("G", "E", new EdgeNodeSessionOptions { MaxDevices = 1 });
        session.Apply(NBirth, NodeBirthPayload(), T0);
        session.Apply(DBirth, DeviceBirthPayload(seq: 1), T0);
        var secondBirth = SparkplugTopic.ForDevice("G", SparkplugMessageType.DBirth, "E", "D2");
        var secondData = SparkplugTopic.ForDevice("G", SparkplugMessageType.DData, "E", "D2");

        var refusedBirth = session.Apply(secondBirth, DeviceBirthPayload(seq: 2), T0);
        var refusedData = session.Apply(secondData, DataByAlias(3, 10, MetricValue.FromFloat(2)), T0);
        var known = session.Apply(DData, DataByAlias(4, 10, MetricValue.FromFloat(3)), T0);

        Assert.Equal(1, refusedBirth.RefusedDevices);
        Assert.Equal(1, refusedData.RefusedDevices);
        Assert.False(refusedData.RequiresRebirth);
        Assert.Equal(["D"], session.Devices.Keys);
        Assert.Equal(0, known.RefusedDevices);
        Assert.Equal(MetricValue.FromFloat(3), session.Devices["D"].Metrics["setpoint"].Value);
        Assert.Equal((byte)4, session.LastSeq);
    }

    /// <summary>An NBIRTH with the template definition Motor and its instance motor1 (alias 3: speed 1, running).</summary>
    static Payload BirthWithMotorInstance()
    {
        var birth = NodeBirthPayload();
        birth.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("Motor", null, 1, MetricValue.FromTemplate(MotorTemplate(null, speed: 0, running: false)))));
        birth.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("motor1", 3, 1, MetricValue.FromTemplate(MotorTemplate("Motor", speed: 1, running: true)))));
        return birth;
    }

    static SparkplugTemplate MotorTemplate(string? templateRef, double speed, bool running) =>
        new(null, templateRef, isDefinition: templateRef is null,
            [new SparkplugMetric("speed", null, 1, MetricValue.FromDouble(speed)), new SparkplugMetric("running", null, 1, MetricValue.FromBoolean(running))],
            []);

    static Payload NodeBirthPayload(ulong bdSeq = 0)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(T0, 0);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("bdSeq", null, 1, MetricValue.FromInt64((long)bdSeq))));
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("Node Control/Rebirth", null, 1, MetricValue.FromBoolean(false))));
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("temperature", 1, 1, MetricValue.FromDouble(20.5))));
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("uptime", 2, 1, MetricValue.FromInt64(0))));
        return payload;
    }

    static Payload DeviceBirthPayload(byte seq)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(T0, seq);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("setpoint", 10, 1, MetricValue.FromFloat(1))));
        return payload;
    }

    static Payload DataByAlias(byte seq, ulong alias, MetricValue value)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(T0, seq);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(null, alias, 1, value), includeDataType: false));
        return payload;
    }

    static Payload DeathPayload(ulong bdSeq)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(T0, null);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("bdSeq", null, null, MetricValue.FromInt64((long)bdSeq))));
        return payload;
    }
}
