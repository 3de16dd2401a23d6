using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Devices;

public sealed class SensorEdgeNodePayloadsTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    readonly SensorModel _sensor = new(new Random(3), T0, 30);

    [Fact]
    public void NodeBirth_HasSeqZero_BdSeqAsInt64_AndAnUnaliasedRebirthControl()
    {
        var birth = SensorEdgeNodePayloads.NodeBirth(T0, 0, 42, "1.0.0");

        Assert.True(birth.HasSeq);
        Assert.Equal(0UL, birth.Seq);
        var bdSeq = Assert.Single(birth.Metrics, m => m.Name == "bdSeq");
        Assert.Equal((uint)SparkplugDataType.Int64, bdSeq.Datatype);
        Assert.Equal(42UL, bdSeq.LongValue);
        var rebirth = Assert.Single(birth.Metrics, m => m.Name == SparkplugCommands.NodeControlRebirth);
        Assert.Equal((uint)SparkplugDataType.Boolean, rebirth.Datatype);
        Assert.False(rebirth.BooleanValue);
        Assert.False(rebirth.HasAlias);
        Assert.All(birth.Metrics, m => Assert.True(m.HasTimestamp));
    }

    [Fact]
    public void NodeDeath_HasBdSeqAndNoSeq()
    {
        var death = SensorEdgeNodePayloads.NodeDeath(T0, 9);

        Assert.False(death.HasSeq);
        Assert.Equal(9UL, Assert.Single(death.Metrics).LongValue);
    }

    [Fact]
    public void DeviceBirth_DeclaresEveryMetricWithNameAliasAndDatatype()
    {
        var birth = new SensorEdgeNodePayloads(useAliases: true).DeviceBirth(T0, 1, _sensor);

        Assert.Equal(SensorEdgeNodePayloads.DeviceMetrics.Select(m => m.Name), birth.Metrics.Select(m => m.Name));
        Assert.All(birth.Metrics, m => Assert.True(m.HasAlias && m.HasDatatype && m.HasTimestamp));
        Assert.Equal(birth.Metrics.Count, birth.Metrics.Select(m => m.Alias).Distinct().Count());
    }

    [Fact]
    public void DeviceData_ByAlias_OmitsNamesAndDatatypes_AndTheUnchangedSetpoint()
    {
        var data = new SensorEdgeNodePayloads(useAliases: true).DeviceData(T0, 2, _sensor, setpointChanged: false);

        Assert.Equal(2UL, data.Seq);
        Assert.All(data.Metrics, m => Assert.False(m.HasName || m.HasDatatype));
        Assert.DoesNotContain(data.Metrics, m => m.Alias == 5);
        Assert.Equal(4, data.Metrics.Count);
    }

    [Fact]
    public void DeviceData_WithoutAliases_UsesNames()
    {
        var data = new SensorEdgeNodePayloads(useAliases: false).DeviceData(T0, 2, _sensor, setpointChanged: true);

        Assert.All(data.Metrics, m => Assert.True(m.HasName && !m.HasAlias));
        Assert.Contains(data.Metrics, m => m.Name == SensorEdgeNodePayloads.Setpoint);
    }

    [Fact]
    public void DeviceCommand_WritesTheSetpointByAliasOrName_AndIgnoresReadOnlyMetrics()
    {
        var byAlias = SparkplugPayloadEncoder.CreatePayload(T0, null);
        byAlias.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(null, 5, null, MetricValue.FromFloat(18.5f))));
        byAlias.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(null, 1, null, MetricValue.FromDouble(99))));

        Assert.Equal([SensorEdgeNodePayloads.Setpoint], SensorEdgeNodePayloads.ApplyDeviceCommand(byAlias, _sensor));
        Assert.Equal(18.5f, _sensor.Setpoint);

        var byName = SparkplugPayloadEncoder.CreatePayload(T0, null);
        byName.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(SensorEdgeNodePayloads.Setpoint, null, null, MetricValue.FromFloat(19))));
        SensorEdgeNodePayloads.ApplyDeviceCommand(byName, _sensor);
        Assert.Equal(19f, _sensor.Setpoint);
    }

    [Fact]
    public void RebirthRequest_IsRecognisedOnlyWhenTrue()
    {
        Assert.True(SensorEdgeNodePayloads.IsRebirthRequest(SparkplugCommands.CreateRebirthRequest(T0)));

        var no = SparkplugPayloadEncoder.CreatePayload(T0, null);
        no.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(SparkplugCommands.NodeControlRebirth, null, null, MetricValue.FromBoolean(false))));
        Assert.False(SensorEdgeNodePayloads.IsRebirthRequest(no));
    }
}
