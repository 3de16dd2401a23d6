using System.Globalization;
using LwM2MSparkplug.DeviceSimulator.Sensors;
using LwM2MSparkplug.Protocols.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;

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

    [Theory]
    [InlineData(0.0105, 1)]
    [InlineData(0.001, 2)]
    [InlineData(0.001, 3)]
    public void TheEdgeNode_PublishesADData_EveryTelemetryInterval_WithOnlyTheMetricsThatChanged(double intervalSeconds, int seed)
    {
        // The offered DDATA rate is the configured one only if some reading changes in every interval: a DDATA
        // carries only changed metrics, and none goes out when nothing changed.
        var options = new SimulatorOptions { TelemetryIntervalSeconds = intervalSeconds };
        var edge = SensorEdgeNodeMetrics.CreateEdgeNode("edge-1", new SensorModel(new Random(seed), T0, options.BatteryDrainPercentPerHour), options, nextBdSeq: 0);
        var outbox = new Outbox();
        edge.Connecting(T0);
        edge.Connected(T0, outbox);
        var reported = Payload.Parser.ParseFrom(outbox.Messages[1].Payload.Span).Metrics.ToDictionary(m => m.Alias, Value);
        var intervalsWithoutData = 0;

        for (var interval = 0; interval < 5000; interval++)
        {
            outbox.Clear();
            edge.Run(edge.NextDueAt!.Value, outbox);

            var data = outbox.Messages.Where(m => m.MessageType == "ddata").Select(m => Payload.Parser.ParseFrom(m.Payload.Span)).SingleOrDefault();
            if (data is null)
            {
                intervalsWithoutData++;
                continue;
            }
            foreach (var metric in data.Metrics)
            {
                Assert.NotEqual(reported[metric.Alias], Value(metric));
                reported[metric.Alias] = Value(metric);
            }
        }

        Assert.Equal(0, intervalsWithoutData);
    }

    static string Value(Payload.Types.Metric metric) => metric.ValueCase switch
    {
        Payload.Types.Metric.ValueOneofCase.DoubleValue => metric.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        Payload.Types.Metric.ValueOneofCase.LongValue => metric.LongValue.ToString(CultureInfo.InvariantCulture),
        Payload.Types.Metric.ValueOneofCase.FloatValue => metric.FloatValue.ToString("R", CultureInfo.InvariantCulture),
        _ => metric.ToString(),
    };
}
