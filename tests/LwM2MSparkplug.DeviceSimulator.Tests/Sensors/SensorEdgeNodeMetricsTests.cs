using LwM2MSparkplug.DeviceSimulator.Sensors;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Sensors;

public sealed class SensorEdgeNodeMetricsTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    readonly SensorModel _sensor = new(new Random(3), T0, 30);

    [Fact]
    public void EveryMetric_ReadsAsItsDeclaredDatatype()
    {
        var source = new SensorEdgeNodeMetrics(_sensor);
        source.Sample(T0.AddSeconds(5));

        Assert.All(SensorEdgeNodeMetrics.NodeMetrics.Concat(SensorEdgeNodeMetrics.DeviceMetrics), metric => Assert.Equal(metric.DataType, source.Read(metric).DataType));
        Assert.Equal(5, source.Read(SensorEdgeNodeMetrics.DeviceMetrics.Single(m => m.Name == SensorEdgeNodeMetrics.Uptime)).AsInt64());
    }

    [Fact]
    public void DeviceMetrics_HaveAliasesOneToFive_AndOnlyTheSetpointIsWritable()
    {
        Assert.Equal([1UL, 2, 3, 4, 5], SensorEdgeNodeMetrics.DeviceMetrics.Select(m => m.Alias!.Value));
        Assert.Equal([SensorEdgeNodeMetrics.Setpoint], SensorEdgeNodeMetrics.DeviceMetrics.Where(m => m.IsWritable).Select(m => m.Name));
    }

    [Fact]
    public void TheSetpoint_TakesAFiniteValue_AndRefusesNaN_AsDoesAnyOtherMetric()
    {
        var source = new SensorEdgeNodeMetrics(_sensor);
        var setpoint = SensorEdgeNodeMetrics.DeviceMetrics.Single(m => m.Name == SensorEdgeNodeMetrics.Setpoint);
        var temperature = SensorEdgeNodeMetrics.DeviceMetrics.Single(m => m.Name == SensorEdgeNodeMetrics.Temperature);

        Assert.True(source.TryWrite(setpoint, MetricValue.FromFloat(18.5f)));
        Assert.False(source.TryWrite(setpoint, MetricValue.FromFloat(float.NaN)));
        Assert.False(source.TryWrite(temperature, MetricValue.FromDouble(30)));

        Assert.Equal(18.5f, _sensor.Setpoint);
    }
}
