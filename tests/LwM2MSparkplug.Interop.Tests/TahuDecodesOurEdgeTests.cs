using System.Globalization;
using System.Text.Json.Nodes;
using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.DeviceSimulator.Sensors;
using LwM2MSparkplug.Protocols.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Interop.Tests;

/// <summary>What our simulated edge nodes publish, decoded by Eclipse Tahu's sparkplug-payload.</summary>
public sealed class TahuDecodesOurEdgeTests
{
    [Fact]
    public async Task BirthsAndData_PublishedByOurEdge_DecodeWithTahu_ToTheSameValuesAndDatatypes()
    {
        using var codec = new TahuCodec();
        await using var broker = await TestBroker.StartAsync();
        await using var watcher = await MqttProbe.ConnectAsync(broker.Port, "tahu-watcher", "spBv1.0/#");
        using var state = new TemporaryDirectory();
        // Tahu's decodePayload reads each value by the metric's own datatype, so DDATA repeats it here
        // (SPARKPLUG_DATATYPES_IN_DATA); DataByAlias_WithoutDatatypes_NeedsTheBirthToDecode shows the default.
        var options = new SimulatorOptions { SparkplugGroupId = "Interop", TelemetryIntervalSeconds = 0.05, StateDirectory = state.Path, DataTypesInData = true };
        await using var devices = new TestDevices();
        var device = devices.Start("edge-x", options, broker.ClientOptions());
        await Eventually.UntilAsync(() => watcher.On("spBv1.0/Interop/DDATA/edge-x/sensor").Count >= 3, "births and some data");

        var nodeBirth = watcher.On("spBv1.0/Interop/NBIRTH/edge-x")[0].Payload;
        var deviceBirth = watcher.On("spBv1.0/Interop/DBIRTH/edge-x/sensor")[0].Payload;
        var data = watcher.On("spBv1.0/Interop/DDATA/edge-x/sensor")[^1].Payload;

        var tahuNodeBirth = codec.Decode(nodeBirth);
        Assert.Equal("0", tahuNodeBirth["seq"]!.ToString());
        var bdSeq = Metric(tahuNodeBirth, "bdSeq");
        Assert.Equal("Int64", bdSeq["type"]!.GetValue<string>());
        Assert.Equal(device.BdSeq!.Value.ToString(CultureInfo.InvariantCulture), bdSeq["value"]!.ToString());
        var rebirth = Metric(tahuNodeBirth, SparkplugCommands.NodeControlRebirth);
        Assert.Equal("Boolean", rebirth["type"]!.GetValue<string>());
        Assert.False(rebirth["value"]!.GetValue<bool>());

        var tahuDeviceBirth = codec.Decode(deviceBirth);
        Assert.Equal("1", tahuDeviceBirth["seq"]!.ToString());
        foreach (var declared in SensorEdgeNodeMetrics.DeviceMetrics)
        {
            var metric = Metric(tahuDeviceBirth, declared.Name);
            Assert.Equal(SparkplugJsonWriter.DataTypeName(declared.DataType), metric["type"]!.GetValue<string>());
            Assert.Equal(declared.Alias!.Value.ToString(CultureInfo.InvariantCulture), metric["alias"]!.ToString());
            Assert.True(declared.Properties!.TryGetValue("engUnit", out var unit));
            Assert.Equal(unit.AsString(), metric["properties"]!["engUnit"]!["value"]!.GetValue<string>());
        }
        Assert.Equal(21.0, Metric(tahuDeviceBirth, SensorEdgeNodeMetrics.Setpoint)["value"]!.GetValue<double>(), precision: 5);

        // Every value Tahu reads must equal what our own decoder reads from the same bytes.
        AssertSameValues(codec.Decode(deviceBirth), Payload.Parser.ParseFrom(deviceBirth), births: null);
        AssertSameValues(codec.Decode(data), Payload.Parser.ParseFrom(data), births: Payload.Parser.ParseFrom(deviceBirth));
    }

    [Fact]
    public void DataByAlias_WithoutDatatypes_NeedsTheBirthToDecode()
    {
        using var codec = new TahuCodec();
        var now = DateTimeOffset.UtcNow;
        var sensor = new SensorModel(new Random(1), now, 30);
        var edge = SensorEdgeNodeMetrics.CreateEdgeNode("edge-y", sensor, new SimulatorOptions { TelemetryIntervalSeconds = 1 }, nextBdSeq: 0);
        var outbox = new Outbox();
        edge.Connecting(now);
        edge.Connected(now, outbox);
        outbox.Clear();
        edge.Run(now.AddSeconds(1), outbox);
        var data = Assert.Single(outbox.Messages, m => m.MessageType == "ddata");

        var decoded = codec.Decode(data.Payload.ToArray());

        // Tahu sees the aliases but, lacking the birth certificate, no datatypes and so no values;
        // our host resolves both from the DBIRTH (see EdgeNodeSessionTests.DataByAlias_UpdatesTheNamedMetric).
        Assert.All(decoded["metrics"]!.AsArray(), m =>
        {
            Assert.NotNull(m!["alias"]);
            Assert.Null(m["type"]);
            Assert.Null(m["value"]);
        });
    }

    static JsonNode Metric(JsonNode payload, string name) =>
        payload["metrics"]!.AsArray().Single(m => m!["name"]?.GetValue<string>() == name)!;

    static void AssertSameValues(JsonNode tahu, Payload ours, Payload? births)
    {
        var tahuMetrics = tahu["metrics"]!.AsArray();
        Assert.Equal(ours.Metrics.Count, tahuMetrics.Count);
        for (var i = 0; i < ours.Metrics.Count; i++)
        {
            var metric = ours.Metrics[i];
            var declared = births?.Metrics.Single(b => b.Alias == metric.Alias);
            var dataType = SparkplugPayloadDecoder.ToDataType(metric.HasDatatype ? metric.Datatype : declared!.Datatype);
            Assert.Equal(MetricValueError.None, SparkplugPayloadDecoder.TryReadValue(metric, dataType, out var value));
            var tahuValue = tahuMetrics[i]!["value"]!;
            switch (dataType)
            {
                case SparkplugDataType.Double:
                    Assert.Equal(value.AsDouble(), tahuValue.GetValue<double>());
                    break;
                case SparkplugDataType.Float:
                    Assert.Equal(value.AsFloat(), (float)tahuValue.GetValue<double>());
                    break;
                case SparkplugDataType.Int64:
                    Assert.Equal(value.AsInt64().ToString(CultureInfo.InvariantCulture), tahuValue.ToString());
                    break;
                default:
                    Assert.True(value.ToString() == tahuValue.ToString(), $"{dataType}: ours {value} vs Tahu {tahuValue.ToJsonString()}");
                    break;
            }
        }
    }
}
