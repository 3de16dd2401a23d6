using System.Buffers;
using Google.Protobuf;
using LwM2MSparkplug.Protocols.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Edge;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.State;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.Edge;

/// <summary>The edge node rules of docs/sparkplug.md, checked on the core alone with plain time values.</summary>
public sealed class EdgeNodeTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    readonly FakeMetricSource _source = new();
    readonly Outbox _outbox = new();

    public EdgeNodeTests()
    {
        _source.Values["Properties/Firmware"] = MetricValue.FromString("1.0");
        _source.Values["Node/Mode"] = MetricValue.FromInt32(1);
        _source.Values["temperature"] = MetricValue.FromDouble(20.5);
        _source.Values["count"] = MetricValue.FromInt64(7);
        _source.Values["setpoint"] = MetricValue.FromFloat(21);
    }

    [Fact]
    public void Subscriptions_AreTheNodeCommands_EachDevicesCommands_AndThePrimaryHostState_AllQos1()
    {
        var edge = Create(primaryHostId: "scada");

        Assert.Equal(
            [new("spBv1.0/G/NCMD/edge-1", QualityOfService.AtLeastOnce), new("spBv1.0/G/DCMD/edge-1/sensor", QualityOfService.AtLeastOnce), new("spBv1.0/STATE/scada", QualityOfService.AtLeastOnce)],
            edge.Subscriptions);
    }

    [Fact]
    public void Connecting_TakesTheNextBdSeq_AndReturnsTheNDeathWill_BdSeqAsInt64_NoSeq_Qos1_NotRetained()
    {
        var edge = Create(nextBdSeq: 7);

        var will = edge.Connecting(T0);

        Assert.Equal("spBv1.0/G/NDEATH/edge-1", will.Topic);
        Assert.Equal(QualityOfService.AtLeastOnce, will.QualityOfService);
        Assert.False(will.Retain);
        var death = Decode(will);
        Assert.False(death.HasSeq);
        Assert.Equal((ulong)T0.ToUnixTimeMilliseconds(), death.Timestamp);
        var bdSeq = Assert.Single(death.Metrics);
        Assert.Equal("bdSeq", bdSeq.Name);
        Assert.Equal((uint)SparkplugDataType.Int64, bdSeq.Datatype);
        Assert.Equal(7UL, bdSeq.LongValue);
        Assert.Equal((byte)7, edge.BdSeq);
        Assert.Equal(8, edge.NextBdSeq);
    }

    [Fact]
    public void BdSeq_IncreasesWithEveryConnect_AndWrapsAfter255()
    {
        var edge = Create(nextBdSeq: 254);

        var seen = Enumerable.Range(0, 3).Select(_ => BdSeqOf(Decode(edge.Connecting(T0)))).ToList();

        Assert.Equal([254UL, 255UL, 0UL], seen);
    }

    [Fact]
    public void Connected_PublishesTheNBirthWithSeqZero_ThenTheDBirthWithSeqOne_Qos0_NotRetained()
    {
        var edge = Create();

        Connect(edge);

        Assert.Equal(["spBv1.0/G/NBIRTH/edge-1", "spBv1.0/G/DBIRTH/edge-1/sensor"], _outbox.Messages.Select(m => m.Topic));
        Assert.All(_outbox.Messages, m => Assert.Equal(QualityOfService.AtMostOnce, m.QualityOfService));
        Assert.All(_outbox.Messages, m => Assert.False(m.Retain));
        Assert.Equal([0UL, 1UL], _outbox.Messages.Select(m => Decode(m).Seq));
        Assert.Equal(EdgeNodeState.Born, edge.State);
    }

    [Fact]
    public void NodeBirth_CarriesTheWillsBdSeq_AnUnaliasedFalseRebirthControl_AndTheNodeMetrics_AllTimestamped()
    {
        var edge = Create(nextBdSeq: 42);
        var will = Decode(edge.Connecting(T0));

        edge.Connected(T0, _outbox);

        var birth = Decode(_outbox.Messages[0]);
        Assert.Equal(BdSeqOf(will), BdSeqOf(birth));
        Assert.Equal((uint)SparkplugDataType.Int64, birth.Metrics.Single(m => m.Name == "bdSeq").Datatype);
        var rebirth = Assert.Single(birth.Metrics, m => m.Name == SparkplugCommands.NodeControlRebirth);
        Assert.Equal((uint)SparkplugDataType.Boolean, rebirth.Datatype);
        Assert.False(rebirth.BooleanValue);
        Assert.False(rebirth.HasAlias);
        Assert.Equal("1.0", birth.Metrics.Single(m => m.Name == "Properties/Firmware").StringValue);
        Assert.All(birth.Metrics, m => Assert.True(m.HasTimestamp));
        Assert.Equal((ulong)T0.ToUnixTimeMilliseconds(), birth.Timestamp);
    }

    [Fact]
    public void DeviceBirth_DeclaresEveryMetric_WithNameAliasDatatypeTimestampValueAndProperties()
    {
        var edge = Create();

        Connect(edge);

        var birth = Decode(_outbox.Messages[1]);
        Assert.Equal(["temperature", "count", "setpoint"], birth.Metrics.Select(m => m.Name));
        Assert.Equal([1UL, 2UL, 3UL], birth.Metrics.Select(m => m.Alias));
        Assert.All(birth.Metrics, m => Assert.True(m.HasDatatype && m.HasTimestamp && m.Properties is not null));
        Assert.Equal(20.5, birth.Metrics[0].DoubleValue);
    }

    [Fact]
    public void Data_IsReportedByException_OnlyChangedMetrics_AndNothingWhenNothingChanged()
    {
        var edge = Create();
        Connect(edge);
        _outbox.Clear();

        edge.Run(T0 + (Interval / 2), _outbox);
        Assert.Empty(_outbox.Messages);
        edge.Run(T0 + Interval, _outbox);
        Assert.Empty(_outbox.Messages);

        _source.Values["count"] = MetricValue.FromInt64(8);
        edge.Run(T0 + (2 * Interval), _outbox);

        var data = Decode(Assert.Single(_outbox.Messages));
        Assert.Equal("spBv1.0/G/DDATA/edge-1/sensor", _outbox.Messages[0].Topic);
        Assert.Equal(2UL, Assert.Single(data.Metrics).Alias);
        Assert.Equal(8UL, data.Metrics[0].LongValue);
        Assert.Equal(2UL, data.Seq);
    }

    [Fact]
    public void ReportNow_PublishesTheChangesAtOnce_WhateverTheInterval_AndNothingBeforeTheBirths()
    {
        var edge = Create();
        edge.ReportNow(T0, _outbox);
        Assert.Empty(_outbox.Messages);
        Connect(edge);
        _outbox.Clear();

        _source.Values["count"] = MetricValue.FromInt64(8);
        edge.ReportNow(T0 + (Interval / 10), _outbox);
        _source.Values["count"] = MetricValue.FromInt64(9);
        edge.ReportNow(T0 + (Interval / 5), _outbox);
        edge.ReportNow(T0 + (Interval / 4), _outbox);

        Assert.Equal([2UL, 3UL], _outbox.Messages.Select(m => Decode(m).Seq));
        Assert.Equal([8UL, 9UL], _outbox.Messages.Select(m => Decode(m).Metrics.Single().LongValue));
    }

    [Fact]
    public void Data_ByAlias_OmitsNamesAndDatatypes()
    {
        var edge = Create();
        Connect(edge);
        _outbox.Clear();
        _source.Values["temperature"] = MetricValue.FromDouble(21);

        edge.Run(T0 + Interval, _outbox);

        var metric = Assert.Single(Decode(_outbox.Messages[0]).Metrics);
        Assert.True(metric.HasAlias);
        Assert.False(metric.HasName);
        Assert.False(metric.HasDatatype);
        Assert.True(metric.HasTimestamp);
    }

    [Fact]
    public void Data_WithoutAliases_UsesNames_AndCanRepeatDatatypes()
    {
        var edge = Create(useAliases: false, dataTypesInData: true);
        Connect(edge);
        Assert.All(Decode(_outbox.Messages[1]).Metrics, m => Assert.False(m.HasAlias));
        _outbox.Clear();
        _source.Values["temperature"] = MetricValue.FromDouble(21);

        edge.Run(T0 + Interval, _outbox);

        var metric = Assert.Single(Decode(_outbox.Messages[0]).Metrics);
        Assert.Equal("temperature", metric.Name);
        Assert.False(metric.HasAlias);
        Assert.Equal((uint)SparkplugDataType.Double, metric.Datatype);
    }

    [Fact]
    public void Seq_IsSharedByNodeAndDeviceMessages_AndWrapsAfter255()
    {
        var edge = Create();
        Connect(edge);
        var seqs = new List<ulong>();

        for (var tick = 1; tick <= 200; tick++)
        {
            _outbox.Clear();
            _source.Values["temperature"] = MetricValue.FromDouble(tick);
            _source.Values["Node/Mode"] = MetricValue.FromInt32(tick + 100);
            edge.Run(T0 + (tick * Interval), _outbox);
            Assert.Equal(["spBv1.0/G/NDATA/edge-1", "spBv1.0/G/DDATA/edge-1/sensor"], _outbox.Messages.Select(m => m.Topic));
            seqs.AddRange(_outbox.Messages.Select(m => Decode(m).Seq));
        }

        Assert.Equal(Enumerable.Range(2, 400).Select(i => (ulong)(i % 256)), seqs);
        Assert.Equal((byte)(401 % 256), edge.LastSeq);
    }

    [Fact]
    public void RebirthRequest_RepublishesTheBirths_SameBdSeq_SeqFromZero_ThenDataResumesAfterThem()
    {
        var edge = Create();
        Connect(edge);
        var firstBirth = Decode(_outbox.Messages[0]);
        _outbox.Clear();

        var receipt = Receive(edge, "spBv1.0/G/NCMD/edge-1", SparkplugCommands.CreateRebirthRequest(T0));

        Assert.Equal(EdgeNodeReceiptKind.Rebirth, receipt.Kind);
        Assert.Equal(["spBv1.0/G/NBIRTH/edge-1", "spBv1.0/G/DBIRTH/edge-1/sensor"], _outbox.Messages.Select(m => m.Topic));
        Assert.Equal(BdSeqOf(firstBirth), BdSeqOf(Decode(_outbox.Messages[0])));
        Assert.Equal([0UL, 1UL], _outbox.Messages.Select(m => Decode(m).Seq));
        _outbox.Clear();
        _source.Values["temperature"] = MetricValue.FromDouble(30);
        edge.Run(T0 + (2 * Interval), _outbox);
        Assert.Equal(2UL, Decode(Assert.Single(_outbox.Messages)).Seq);
    }

    [Fact]
    public void AfterARebirth_TheBirthCarriesEveryMetric_AndChangesAreTrackedFromTheBirthValues()
    {
        var edge = Create();
        Connect(edge);
        _source.Values["count"] = MetricValue.FromInt64(8);
        edge.Run(T0 + Interval, _outbox);
        _source.Values["count"] = MetricValue.FromInt64(9);
        _outbox.Clear();

        Receive(edge, "spBv1.0/G/NCMD/edge-1", SparkplugCommands.CreateRebirthRequest(T0));

        var birth = Decode(_outbox.Messages[1]);
        Assert.Equal(["temperature", "count", "setpoint"], birth.Metrics.Select(m => m.Name));
        Assert.Equal(9UL, birth.Metrics[1].LongValue);
        _outbox.Clear();
        edge.Run(T0 + (2 * Interval), _outbox);
        Assert.Empty(_outbox.Messages);
        _source.Values["count"] = MetricValue.FromInt64(8);
        edge.Run(T0 + (3 * Interval), _outbox);
        var data = Decode(Assert.Single(_outbox.Messages));
        Assert.Equal(8UL, Assert.Single(data.Metrics).LongValue);
    }

    [Fact]
    public void RebirthControlFalse_IsNotARebirthRequest()
    {
        var edge = Create();
        Connect(edge);
        _outbox.Clear();
        var command = SparkplugPayloadEncoder.CreatePayload(T0, null);
        command.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(SparkplugCommands.NodeControlRebirth, null, null, MetricValue.FromBoolean(false))));

        var receipt = Receive(edge, "spBv1.0/G/NCMD/edge-1", command);

        Assert.Equal(EdgeNodeReceiptKind.Command, receipt.Kind);
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public void DeviceCommand_WritesByAliasOrByName_AndTheNewValueIsReportedAtOnce()
    {
        var edge = Create();
        Connect(edge);
        _outbox.Clear();

        var byAlias = Receive(edge, "spBv1.0/G/DCMD/edge-1/sensor", Command(new SparkplugMetric(null, 3, null, MetricValue.FromFloat(18.5f))));

        Assert.Equal(new EdgeNodeReceipt(EdgeNodeReceiptKind.Command, WritesApplied: 1), byAlias);
        Assert.Equal(MetricValue.FromFloat(18.5f), _source.Values["setpoint"]);
        var reported = Decode(Assert.Single(_outbox.Messages));
        Assert.Equal(3UL, Assert.Single(reported.Metrics).Alias);
        Assert.Equal(18.5f, reported.Metrics[0].FloatValue);
        _outbox.Clear();

        Receive(edge, "spBv1.0/G/DCMD/edge-1/sensor", Command(new SparkplugMetric("setpoint", null, null, MetricValue.FromFloat(19))));
        Assert.Equal(MetricValue.FromFloat(19), _source.Values["setpoint"]);
    }

    [Fact]
    public void NodeCommand_WritesAWritableNodeMetric()
    {
        var edge = Create();
        Connect(edge);
        _outbox.Clear();

        var receipt = Receive(edge, "spBv1.0/G/NCMD/edge-1", Command(new SparkplugMetric(null, 10, null, MetricValue.FromInt32(3))));

        Assert.Equal(1, receipt.WritesApplied);
        Assert.Equal("spBv1.0/G/NDATA/edge-1", Assert.Single(_outbox.Messages).Topic);
    }

    public static TheoryData<SparkplugMetric, EdgeNodeReason> RejectedWrites => new()
    {
        { new SparkplugMetric(null, 1, null, MetricValue.FromDouble(99)), EdgeNodeReason.NotWritable },
        { new SparkplugMetric(null, 77, null, MetricValue.FromFloat(1)), EdgeNodeReason.UnknownMetric },
        { new SparkplugMetric("nothing", null, null, MetricValue.FromFloat(1)), EdgeNodeReason.UnknownMetric },
        { new SparkplugMetric(null, 3, null, MetricValue.FromString("warm")), EdgeNodeReason.InvalidValue },
        { new SparkplugMetric(null, 3, null, MetricValue.Null(SparkplugDataType.Float)), EdgeNodeReason.InvalidValue },
    };

    [Theory]
    [MemberData(nameof(RejectedWrites))]
    public void DeviceCommand_ThatCannotApply_IsRejectedWithItsReason_AndChangesNothing(SparkplugMetric write, EdgeNodeReason reason)
    {
        var edge = Create();
        Connect(edge);
        _outbox.Clear();

        var receipt = Receive(edge, "spBv1.0/G/DCMD/edge-1/sensor", Command(write));

        Assert.Equal(new EdgeNodeReceipt(EdgeNodeReceiptKind.Command, reason, WritesApplied: 0, WritesRejected: 1), receipt);
        Assert.Equal(MetricValue.FromFloat(21), _source.Values["setpoint"]);
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public void DeviceCommand_TheApplicationRefuses_IsRejectedAsRefused()
    {
        var edge = Create();
        Connect(edge);
        _source.RefuseWrites = true;

        var receipt = Receive(edge, "spBv1.0/G/DCMD/edge-1/sensor", Command(new SparkplugMetric(null, 3, null, MetricValue.FromFloat(float.NaN))));

        Assert.Equal(EdgeNodeReason.Refused, receipt.Reason);
        Assert.Equal(MetricValue.FromFloat(21), _source.Values["setpoint"]);
    }

    [Fact]
    public void Commands_ThatAreNotProtobuf_OrTooLarge_OrForAnotherDevice_AreCountedNotApplied()
    {
        var edge = Create();
        Connect(edge);
        _outbox.Clear();

        Assert.Equal(EdgeNodeReceipt.Invalid(EdgeNodeReason.MalformedProtobuf), edge.Receive("spBv1.0/G/DCMD/edge-1/sensor", new ReadOnlySequence<byte>([0xFF, 0xFF, 0xFF]), T0, _outbox));
        Assert.Equal(EdgeNodeReceipt.Invalid(EdgeNodeReason.EmptyPayload), edge.Receive("spBv1.0/G/DCMD/edge-1/sensor", ReadOnlySequence<byte>.Empty, T0, _outbox));
        Assert.Equal(EdgeNodeReceipt.Invalid(EdgeNodeReason.PayloadTooLarge), edge.Receive("spBv1.0/G/DCMD/edge-1/sensor", new ReadOnlySequence<byte>(new byte[(64 * 1024) + 1]), T0, _outbox));
        Assert.Equal(EdgeNodeReceipt.Ignored(EdgeNodeReason.UnknownDevice), Receive(edge, "spBv1.0/G/DCMD/edge-1/other", Command(new SparkplugMetric(null, 3, null, MetricValue.FromFloat(1)))));
        Assert.Equal(EdgeNodeReceipt.Ignored(EdgeNodeReason.NotAddressed), Receive(edge, "spBv1.0/G/NCMD/edge-2", SparkplugCommands.CreateRebirthRequest(T0)));
        Assert.Equal(EdgeNodeReceipt.NotSparkplug, edge.Receive("lwm2m/edge-1/cmd/r-1", ReadOnlySequence<byte>.Empty, T0, _outbox));
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public void Commands_BeforeTheBirth_AreIgnored()
    {
        var edge = Create(primaryHostId: "scada");
        Connect(edge);

        Assert.Equal(EdgeNodeReceipt.Ignored(EdgeNodeReason.NotBorn), Receive(edge, "spBv1.0/G/NCMD/edge-1", SparkplugCommands.CreateRebirthRequest(T0)));
        Assert.Equal(EdgeNodeReceipt.Ignored(EdgeNodeReason.NotBorn), Receive(edge, "spBv1.0/G/DCMD/edge-1/sensor", Command(new SparkplugMetric(null, 3, null, MetricValue.FromFloat(1)))));
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public void WithAPrimaryHost_BirthsWaitForItsOnlineState()
    {
        var edge = Create(primaryHostId: "scada");

        Connect(edge);
        Assert.Empty(_outbox.Messages);
        Assert.Equal(EdgeNodeState.WaitingForPrimaryHost, edge.State);
        Assert.Null(edge.NextDueAt);

        var receipt = State(edge, "scada", online: true, 1000);

        Assert.Equal(EdgeNodeReceiptKind.State, receipt.Kind);
        Assert.Equal(["spBv1.0/G/NBIRTH/edge-1", "spBv1.0/G/DBIRTH/edge-1/sensor"], _outbox.Messages.Select(m => m.Topic));
    }

    [Fact]
    public void WithAPrimaryHost_ItsRetainedOnlineState_ArrivingBeforeConnected_StillLeadsToBirths()
    {
        var edge = Create(primaryHostId: "scada");
        edge.Connecting(T0);

        State(edge, "scada", online: true, 1000);
        Assert.Empty(_outbox.Messages);
        edge.Connected(T0, _outbox);

        Assert.Equal(EdgeNodeState.Born, edge.State);
        Assert.Equal(["spBv1.0/G/NBIRTH/edge-1", "spBv1.0/G/DBIRTH/edge-1/sensor"], _outbox.Messages.Select(m => m.Topic));
    }

    [Fact]
    public void WithAPrimaryHost_AnOnlineStateAsNewAsTheLastSeen_Counts()
    {
        var edge = Create(primaryHostId: "scada");
        Connect(edge);
        State(edge, "scada", online: false, 1000);

        State(edge, "scada", online: true, 1000);

        Assert.Equal(EdgeNodeState.Born, edge.State);
    }

    [Fact]
    public void WithAPrimaryHost_EachSessionWaitsForItsOwnOnlineState()
    {
        var edge = Create(primaryHostId: "scada");
        Connect(edge);
        State(edge, "scada", online: true, 1000);
        edge.ConnectionLost();
        _outbox.Clear();

        Connect(edge);

        Assert.Equal(EdgeNodeState.WaitingForPrimaryHost, edge.State);
        Assert.Empty(_outbox.Messages);
        State(edge, "scada", online: true, 1000);
        Assert.Equal(EdgeNodeState.Born, edge.State);
    }

    [Fact]
    public void WithAPrimaryHost_AnOfflineStateWhileWaiting_EndsNothing()
    {
        var edge = Create(primaryHostId: "scada");
        Connect(edge);
        State(edge, "scada", online: true, 1000);
        edge.ConnectionLost();
        Connect(edge);
        _outbox.Clear();

        State(edge, "scada", online: false, 2000);

        Assert.True(_outbox.IsEmpty);
        Assert.Equal(EdgeNodeState.WaitingForPrimaryHost, edge.State);
    }

    [Fact]
    public void WithAPrimaryHost_AfterItWentOfflineAndTheSessionRestarted_BirthsFollowItsReturn()
    {
        var edge = Create(primaryHostId: "scada");
        Connect(edge);
        State(edge, "scada", online: true, 1000);
        State(edge, "scada", online: false, 2000);
        edge.ConnectionLost();
        _outbox.Clear();

        Connect(edge);
        Assert.Equal(EdgeNodeReceipt.Ignored(EdgeNodeReason.StaleState), State(edge, "scada", online: false, 1500));
        Assert.Equal(EdgeNodeReceipt.Ignored(EdgeNodeReason.StaleState), State(edge, "scada", online: true, 1000));
        State(edge, "scada", online: true, 3000);

        Assert.Equal(EdgeNodeState.Born, edge.State);
        Assert.Equal(1UL, BdSeqOf(Decode(_outbox.Messages[0])));
    }

    [Theory]
    [InlineData(1, RestartReason.None)]
    [InlineData(2, RestartReason.PrimaryHostOffline)]
    public void WaitingForThePrimaryHost_AnOfflineState_SendsTheNodeToTheNextServer_OnlyWhenThereIsOne(int servers, RestartReason expected)
    {
        var edge = Create(primaryHostId: "scada", servers: servers);
        Connect(edge);

        State(edge, "scada", online: false, 1000);

        Assert.Equal(EdgeNodeState.WaitingForPrimaryHost, edge.State);
        Assert.Equal(expected, _outbox.Restart);
    }

    [Fact]
    public void AnOfflineStateBeforeTheConnectionCompletes_SendsTheNodeToTheNextServer_OnceWaiting()
    {
        var edge = Create(primaryHostId: "scada", servers: 2);
        edge.Connecting(T0, "mqtt://a:1883");
        State(edge, "scada", online: false, 1000);
        Assert.Equal(RestartReason.None, _outbox.Restart);

        edge.Connected(T0, _outbox);

        Assert.Equal(RestartReason.PrimaryHostOffline, _outbox.Restart);
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public void WithAPrimaryHost_OnTheNextServer_ItsStateIsJudgedByThatServersTimestampsAlone()
    {
        var edge = Create(primaryHostId: "scada");
        edge.Connecting(T0, "mqtt://a:1883");
        edge.Connected(T0, _outbox);
        State(edge, "scada", online: true, 5000);
        State(edge, "scada", online: false, 6000);
        edge.ConnectionLost();
        _outbox.Clear();

        // The host's session on the second server began earlier: its T is older, and still current there.
        edge.Connecting(T0, "mqtt://b:1883");
        edge.Connected(T0, _outbox);
        State(edge, "scada", online: true, 1000);

        Assert.Equal(EdgeNodeState.Born, edge.State);
    }

    [Fact]
    public void WithAPrimaryHost_AnOnlineStateOlderThanTheLastSeen_IsIgnored()
    {
        var edge = Create(primaryHostId: "scada");
        Connect(edge);
        State(edge, "scada", online: false, 2000);
        Assert.Empty(_outbox.Messages);

        Assert.Equal(EdgeNodeReceipt.Ignored(EdgeNodeReason.StaleState), State(edge, "scada", online: true, 1500));
        Assert.Empty(_outbox.Messages);
        State(edge, "scada", online: true, 2500);
        Assert.Equal(2, _outbox.Messages.Count);
    }

    [Fact]
    public void WithAPrimaryHost_ItsOfflineState_EndsTheSession_NDeathThenRestart_AnOlderOneDoesNot()
    {
        var edge = Create(primaryHostId: "scada");
        Connect(edge);
        State(edge, "scada", online: true, 1000);
        _outbox.Clear();

        Assert.Equal(EdgeNodeReceipt.Ignored(EdgeNodeReason.StaleState), State(edge, "scada", online: false, 500));
        Assert.True(_outbox.IsEmpty);

        State(edge, "scada", online: false, 1000);

        Assert.Equal("spBv1.0/G/NDEATH/edge-1", Assert.Single(_outbox.Messages).Topic);
        Assert.Equal(RestartReason.PrimaryHostOffline, _outbox.Restart);
        Assert.Equal(EdgeNodeState.Dead, edge.State);
    }

    [Fact]
    public void AnotherHostsState_IsIgnored_AndABadStateIsInvalid()
    {
        var edge = Create(primaryHostId: "scada");
        Connect(edge);

        Assert.Equal(EdgeNodeReceipt.Ignored(EdgeNodeReason.NotPrimaryHost), State(edge, "other", online: true, 1000));
        Assert.Equal(EdgeNodeReceipt.Invalid(EdgeNodeReason.InvalidState), edge.Receive("spBv1.0/STATE/scada", new ReadOnlySequence<byte>("ONLINE"u8.ToArray()), T0, _outbox));
        Assert.Empty(_outbox.Messages);
    }

    [Fact]
    public void Disconnecting_PublishesTheNDeath_Qos1_AndNoDataAfterIt()
    {
        var edge = Create(nextBdSeq: 3);
        Connect(edge);
        _outbox.Clear();

        edge.Disconnecting(T0, _outbox);
        _source.Values["temperature"] = MetricValue.FromDouble(40);
        edge.Run(T0 + Interval, _outbox);
        edge.Disconnecting(T0, _outbox);

        var death = Assert.Single(_outbox.Messages);
        Assert.Equal("spBv1.0/G/NDEATH/edge-1", death.Topic);
        Assert.Equal(QualityOfService.AtLeastOnce, death.QualityOfService);
        Assert.Equal(3UL, BdSeqOf(Decode(death)));
        Assert.Null(edge.NextDueAt);
    }

    [Fact]
    public void ConnectionLost_StopsData_AndTheNextSessionHasTheNextBdSeqInWillAndBirth()
    {
        var edge = Create(nextBdSeq: 0);
        Connect(edge);
        _outbox.Clear();

        edge.ConnectionLost();
        _source.Values["temperature"] = MetricValue.FromDouble(40);
        edge.Run(T0 + Interval, _outbox);
        Assert.Empty(_outbox.Messages);
        Assert.Equal(EdgeNodeState.Disconnected, edge.State);

        var will = Decode(edge.Connecting(T0 + Interval));
        edge.Connected(T0 + Interval, _outbox);
        Assert.Equal(1UL, BdSeqOf(will));
        Assert.Equal(1UL, BdSeqOf(Decode(_outbox.Messages[0])));
    }

    [Fact]
    public void NextDueAt_IsTheNextDataInterval_AndLateRunsSkipMissedIntervals_CountingThem()
    {
        var edge = Create();
        Connect(edge);
        Assert.Equal(T0 + Interval, edge.NextDueAt);

        edge.Run(T0 + Interval + TimeSpan.FromMilliseconds(3), _outbox);
        Assert.Equal(T0 + (2 * Interval), edge.NextDueAt);
        Assert.Equal(0, edge.MissedDataIntervals);
        Assert.Equal(1, edge.CheckedDataIntervals);

        edge.Run(T0 + TimeSpan.FromSeconds(5.5), _outbox);
        Assert.Equal(T0 + TimeSpan.FromSeconds(6.5), edge.NextDueAt);
        Assert.Equal(3, edge.MissedDataIntervals);
        // Due at 1, 2, 3, 4 and 5 s: two checked, three skipped.
        Assert.Equal(2, edge.CheckedDataIntervals);
    }

    [Fact]
    public void Connected_BeforeConnecting_IsAProgrammingError()
    {
        var edge = Create();

        Assert.Throws<InvalidOperationException>(() => edge.Connected(T0, _outbox));
    }

    [Fact]
    public void Options_WithAnAliasUsedTwiceAcrossTheEdgeNode_AreRejected()
    {
        var options = new EdgeNodeOptions
        {
            GroupId = "G",
            EdgeNodeId = "edge-1",
            NodeMetrics = [new("a", SparkplugDataType.Int32, Alias: 1)],
            Devices = [new EdgeDeviceDefinition("d", [new("b", SparkplugDataType.Int32, Alias: 1)])],
        };

        Assert.Throws<ArgumentException>(() => new EdgeNode(options, _source));
    }

    [Fact]
    public void BirthsAndData_CarryTheirPublishTimeAsUtcMilliseconds_OnThePayloadAndEveryMetric_DataQos0NotRetained()
    {
        var edge = Create();
        // The clock's instants given with a +02:00 offset: the wire must carry the UTC milliseconds all the same.
        var birthAt = new DateTimeOffset(2026, 1, 1, 2, 0, 0, 123, TimeSpan.FromHours(2));
        edge.Connecting(birthAt);
        edge.Connected(birthAt, _outbox);
        var utcBirthMs = (ulong)new DateTimeOffset(2026, 1, 1, 0, 0, 0, 123, TimeSpan.Zero).ToUnixTimeMilliseconds();

        var deviceBirth = Decode(_outbox.Messages[1]);
        Assert.Equal("spBv1.0/G/DBIRTH/edge-1/sensor", _outbox.Messages[1].Topic);
        Assert.True(deviceBirth.HasTimestamp);
        Assert.Equal(utcBirthMs, deviceBirth.Timestamp);
        Assert.All(deviceBirth.Metrics, m => Assert.Equal(utcBirthMs, m.Timestamp));
        _outbox.Clear();

        _source.Values["Node/Mode"] = MetricValue.FromInt32(2);
        _source.Values["temperature"] = MetricValue.FromDouble(22);
        var dataAt = birthAt + Interval + TimeSpan.FromMilliseconds(7);
        edge.Run(dataAt, _outbox);

        Assert.Equal(["spBv1.0/G/NDATA/edge-1", "spBv1.0/G/DDATA/edge-1/sensor"], _outbox.Messages.Select(m => m.Topic));
        var utcDataMs = utcBirthMs + 1007;
        foreach (var message in _outbox.Messages)
        {
            Assert.Equal(QualityOfService.AtMostOnce, message.QualityOfService);
            Assert.False(message.Retain, $"{message.Topic} is not retained");
            var data = Decode(message);
            Assert.True(data.HasTimestamp, $"{message.Topic} has a payload timestamp");
            Assert.Equal(utcDataMs, data.Timestamp);
            Assert.All(data.Metrics, m => Assert.Equal(utcDataMs, m.Timestamp));
        }
    }

    [Theory]
    [InlineData(true, "Mode", "mode")]
    [InlineData(false, "Temperature", "temperature")]
    [InlineData(true, "Mode", "BDSEQ")]
    [InlineData(true, "Mode", "node control/rebirth")]
    public void Options_WithMetricNamesThatDifferOnlyInLetterCase_AreRejected(bool onTheNode, string first, string second)
    {
        IReadOnlyList<EdgeMetricDefinition> metrics = [new(first, SparkplugDataType.Int32), new(second, SparkplugDataType.Int32)];
        var options = new EdgeNodeOptions
        {
            GroupId = "G",
            EdgeNodeId = "edge-1",
            NodeMetrics = onTheNode ? metrics : [],
            Devices = [new EdgeDeviceDefinition("d", onTheNode ? [] : metrics)],
        };

        var error = Assert.Throws<ArgumentException>(() => new EdgeNode(options, _source));
        Assert.Contains("letter case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_MayUseOneNameOnTheNodeAndOnADevice_TheyAreDifferentOwners()
    {
        var options = new EdgeNodeOptions
        {
            GroupId = "G",
            EdgeNodeId = "edge-1",
            NodeMetrics = [new("status", SparkplugDataType.String)],
            Devices = [new EdgeDeviceDefinition("d", [new("Status", SparkplugDataType.String)])],
        };

        _ = new EdgeNode(options, _source);
    }

    EdgeNode Create(byte nextBdSeq = 0, string? primaryHostId = null, bool useAliases = true, bool dataTypesInData = false, int servers = 1) =>
        new(new EdgeNodeOptions
        {
            GroupId = "G",
            EdgeNodeId = "edge-1",
            PrimaryHostId = primaryHostId,
            ServerCount = servers,
            NodeMetrics = [new("Properties/Firmware", SparkplugDataType.String), new("Node/Mode", SparkplugDataType.Int32, 10, IsWritable: true)],
            Devices =
            [
                new EdgeDeviceDefinition("sensor",
                [
                    new("temperature", SparkplugDataType.Double, 1, new SparkplugPropertySet([new("engUnit", MetricValue.FromString("C"))])),
                    new("count", SparkplugDataType.Int64, 2, SparkplugPropertySet.Empty),
                    new("setpoint", SparkplugDataType.Float, 3, SparkplugPropertySet.Empty, IsWritable: true),
                ]),
            ],
            UseAliases = useAliases,
            DataTypesInData = dataTypesInData,
            DataInterval = Interval,
        }, _source, nextBdSeq);

    void Connect(EdgeNode edge)
    {
        edge.Connecting(T0);
        edge.Connected(T0, _outbox);
    }

    EdgeNodeReceipt Receive(EdgeNode edge, string topic, Payload payload) =>
        edge.Receive(topic, new ReadOnlySequence<byte>(payload.ToByteArray()), T0, _outbox);

    EdgeNodeReceipt State(EdgeNode edge, string hostId, bool online, long timestamp) =>
        edge.Receive($"spBv1.0/STATE/{hostId}", new ReadOnlySequence<byte>(new HostState(online, timestamp).ToJsonBytes()), T0, _outbox);

    static Payload Command(SparkplugMetric metric)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(T0, null);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(metric));
        return payload;
    }

    static Payload Decode(OutboundMessage message) => Payload.Parser.ParseFrom(message.Payload.Span);

    static ulong BdSeqOf(Payload payload) => payload.Metrics.Single(m => m.Name == "bdSeq").LongValue;

    sealed class FakeMetricSource : IEdgeNodeMetricSource
    {
        public Dictionary<string, MetricValue> Values { get; } = [];
        public bool RefuseWrites { get; set; }

        public void Sample(DateTimeOffset now)
        {
        }

        public MetricValue Read(EdgeMetricDefinition metric) => Values[metric.Name];

        public bool TryWrite(EdgeMetricDefinition metric, MetricValue value)
        {
            if (RefuseWrites)
            {
                return false;
            }
            Values[metric.Name] = value;
            return true;
        }
    }
}
