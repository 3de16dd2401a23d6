using System.Text.Json.Nodes;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Interop.Tests;

/// <summary>Payloads encoded by Eclipse Tahu's sparkplug-payload, read by our decoder.</summary>
public sealed class OurHostReadsTahuTests
{
    public static TheoryData<string, JsonNode, SparkplugDataType, string> Scalars => new()
    {
        { "Int8", -1, SparkplugDataType.Int8, "-1" },
        { "Int16", -300, SparkplugDataType.Int16, "-300" },
        { "Int32", int.MinValue, SparkplugDataType.Int32, "-2147483648" },
        { "Int64", new JsonObject { ["$long"] = "-9007199254740993" }, SparkplugDataType.Int64, "-9007199254740993" },
        { "UInt8", 255, SparkplugDataType.UInt8, "255" },
        { "UInt16", 65535, SparkplugDataType.UInt16, "65535" },
        // Tahu JS writes UInt32 into long_value (see the Sparkplug notes); we read either field.
        { "UInt32", 4000000000, SparkplugDataType.UInt32, "4000000000" },
        { "UInt64", new JsonObject { ["$long"] = "18446744073709551615", ["unsigned"] = true }, SparkplugDataType.UInt64, "18446744073709551615" },
        { "Float", 1.5, SparkplugDataType.Float, "1.5" },
        { "Double", 2.25, SparkplugDataType.Double, "2.25" },
        { "Boolean", true, SparkplugDataType.Boolean, "true" },
        { "String", "héllo", SparkplugDataType.String, "héllo" },
        { "Text", "long text", SparkplugDataType.Text, "long text" },
        { "UUID", "4f1c2a1e-0000-4000-8000-000000000001", SparkplugDataType.Uuid, "4f1c2a1e-0000-4000-8000-000000000001" },
        { "DateTime", new JsonObject { ["$long"] = "1700000000123" }, SparkplugDataType.DateTime, "2023-11-14T22:13:20.1230000+00:00" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void ScalarEncodedByTahu_IsReadWithItsValue(string type, JsonNode value, SparkplugDataType expectedType, string expected)
    {
        using var codec = new TahuCodec();
        var bytes = codec.Encode(Payload(new JsonObject { ["name"] = "m", ["type"] = type, ["value"] = value.DeepClone() }));

        var metric = ReadSingleMetric(bytes);

        Assert.Equal(expectedType, metric.DataType);
        Assert.Equal(expected, metric.Value.ToString());
    }

    [Fact]
    public void NullEncodedByTahu_IsANullOfItsType()
    {
        using var codec = new TahuCodec();

        var metric = ReadSingleMetric(codec.Encode(Payload(new JsonObject { ["name"] = "m", ["type"] = "Double", ["value"] = null })));

        Assert.True(metric.Value.IsNull);
        Assert.Equal(SparkplugDataType.Double, metric.DataType);
    }

    [Fact]
    public void BytesEncodedByTahu_AreRead()
    {
        using var codec = new TahuCodec();

        var metric = ReadSingleMetric(codec.Encode(Payload(new JsonObject { ["name"] = "m", ["type"] = "Bytes", ["value"] = new JsonObject { ["$bytes"] = Convert.ToBase64String([1, 2, 255]) } })));

        Assert.Equal(new byte[] { 1, 2, 255 }, metric.Value.AsBytes());
    }

    [Fact]
    public void DataSetEncodedByTahu_IsRead()
    {
        using var codec = new TahuCodec();
        // Tahu JS cannot encode Int32 DataSet columns (it throws "Invalid DataSetValue"); Int64, UInt32, Double,
        // Boolean and String columns work, so the test uses those.
        var dataSet = new JsonObject
        {
            ["numOfColumns"] = new JsonObject { ["$long"] = "3" },
            ["columns"] = new JsonArray("id", "value", "label"),
            ["types"] = new JsonArray("Int64", "Double", "String"),
            ["rows"] = new JsonArray(
                new JsonArray(new JsonObject { ["$long"] = "1" }, 1.5, "a"),
                new JsonArray(new JsonObject { ["$long"] = "-2" }, 2.5, "b")),
        };

        var metric = ReadSingleMetric(codec.Encode(Payload(new JsonObject { ["name"] = "table", ["type"] = "DataSet", ["value"] = dataSet })));

        var value = metric.Value.AsDataSet();
        Assert.Equal(["id", "value", "label"], value.Columns);
        Assert.Equal([SparkplugDataType.Int64, SparkplugDataType.Double, SparkplugDataType.String], value.Types);
        Assert.Equal(-2, value.Rows[1][0].AsInt64());
        Assert.Equal("b", value.Rows[1][2].AsString());
    }

    [Fact]
    public void TemplateEncodedByTahu_IsRead()
    {
        using var codec = new TahuCodec();
        var template = new JsonObject
        {
            ["version"] = "1.0",
            ["templateRef"] = "Motor",
            ["isDefinition"] = false,
            ["metrics"] = new JsonArray(new JsonObject { ["name"] = "rpm", ["type"] = "Double", ["value"] = 1500.5 }),
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "unit", ["type"] = "String", ["value"] = "rpm" }),
        };

        var metric = ReadSingleMetric(codec.Encode(Payload(new JsonObject { ["name"] = "motor1", ["type"] = "Template", ["value"] = template })));

        var value = metric.Value.AsTemplate();
        Assert.Equal("Motor", value.TemplateRef);
        Assert.False(value.IsDefinition);
        Assert.Equal(1500.5, Assert.Single(value.Metrics).Value.AsDouble());
        Assert.Equal("rpm", Assert.Single(value.Parameters).Value.AsString());
    }

    [Fact]
    public void QualityPropertyEncodedByTahu_IsRead()
    {
        using var codec = new TahuCodec();
        var metric = new JsonObject
        {
            ["name"] = "m",
            ["type"] = "Double",
            ["value"] = 1.0,
            ["properties"] = new JsonObject { ["Quality"] = new JsonObject { ["type"] = "Int32", ["value"] = 500 } },
        };

        Assert.Equal(SparkplugQuality.Stale, ReadSingleMetric(codec.Encode(Payload(metric))).Properties!.Quality);
    }

    [Fact]
    public void SeqZero_FromTahu_IsPresent()
    {
        using var codec = new TahuCodec();

        var bytes = codec.Encode(Payload(new JsonObject { ["name"] = "m", ["type"] = "Boolean", ["value"] = false }));

        Assert.Equal(SparkplugDecodeError.None, SparkplugPayloadDecoder.TryParse(new(bytes), 1 << 16, out var payload));
        Assert.True(payload.HasSeq);
        Assert.Equal(0UL, payload.Seq);
    }

    static JsonObject Payload(JsonObject metric) => new()
    {
        ["timestamp"] = new JsonObject { ["$long"] = "1700000000000" },
        ["seq"] = new JsonObject { ["$long"] = "0" },
        ["metrics"] = new JsonArray(metric),
    };

    static SparkplugMetric ReadSingleMetric(byte[] bytes)
    {
        Assert.Equal(SparkplugDecodeError.None, SparkplugPayloadDecoder.TryParse(new(bytes), 1 << 16, out var payload));
        Assert.Equal(MetricValueError.None, SparkplugPayloadDecoder.TryReadMetric(Assert.Single(payload.Metrics), null, out var metric));
        return metric;
    }
}
