using Google.Protobuf;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.Payloads;

public class MetricValueRoundTripTests
{
    public static TheoryData<string, MetricValue> ScalarValues => new()
    {
        { "Int8 min", MetricValue.FromInt8(sbyte.MinValue) },
        { "Int8 -1", MetricValue.FromInt8(-1) },
        { "Int8 max", MetricValue.FromInt8(sbyte.MaxValue) },
        { "Int16 min", MetricValue.FromInt16(short.MinValue) },
        { "Int16 max", MetricValue.FromInt16(short.MaxValue) },
        { "Int32 min", MetricValue.FromInt32(int.MinValue) },
        { "Int32 max", MetricValue.FromInt32(int.MaxValue) },
        { "Int64 min", MetricValue.FromInt64(long.MinValue) },
        { "Int64 max", MetricValue.FromInt64(long.MaxValue) },
        { "UInt8 max", MetricValue.FromUInt8(byte.MaxValue) },
        { "UInt16 max", MetricValue.FromUInt16(ushort.MaxValue) },
        { "UInt32 max", MetricValue.FromUInt32(uint.MaxValue) },
        { "UInt64 max", MetricValue.FromUInt64(ulong.MaxValue) },
        { "UInt64 zero", MetricValue.FromUInt64(0) },
        { "Float", MetricValue.FromFloat(-273.15f) },
        { "Float NaN", MetricValue.FromFloat(float.NaN) },
        { "Double", MetricValue.FromDouble(Math.PI) },
        { "Double -inf", MetricValue.FromDouble(double.NegativeInfinity) },
        { "Boolean true", MetricValue.FromBoolean(true) },
        { "Boolean false", MetricValue.FromBoolean(false) },
        { "String", MetricValue.FromString("héllo wörld") },
        { "String empty", MetricValue.FromString(string.Empty) },
        { "Text", MetricValue.FromString("long text", SparkplugDataType.Text) },
        { "UUID", MetricValue.FromString("0a1b2c3d-0000-4000-8000-000000000001", SparkplugDataType.Uuid) },
        { "DateTime", MetricValue.FromDateTimeMilliseconds(1_700_000_000_123) },
        { "Bytes", MetricValue.FromBytes([0, 1, 2, 255]) },
        { "File", MetricValue.FromBytes([0x50, 0x4B], SparkplugDataType.File) },
        { "Null Int32", MetricValue.Null(SparkplugDataType.Int32) },
        { "Null String", MetricValue.Null(SparkplugDataType.String) },
    };

    [Theory]
    [MemberData(nameof(ScalarValues))]
    public void Value_SurvivesEncodeToBytesAndDecode(string name, MetricValue value)
    {
        var metric = new SparkplugMetric(name, 7, 1_700_000_000_000, value);

        var decoded = RoundTrip(metric);

        Assert.Equal(metric, decoded);
        Assert.Equal(value.DataType, decoded.DataType);
    }

    public static TheoryData<SparkplugDataType, Array> ArrayValues => new()
    {
        { SparkplugDataType.Int8Array, new sbyte[] { -23, 123, sbyte.MinValue } },
        { SparkplugDataType.Int16Array, new short[] { -30000, 30000 } },
        { SparkplugDataType.Int32Array, new[] { -1, int.MaxValue, int.MinValue } },
        { SparkplugDataType.Int64Array, new[] { -1L, long.MaxValue } },
        { SparkplugDataType.UInt8Array, new byte[] { 23, 250 } },
        { SparkplugDataType.UInt16Array, new ushort[] { 30, 52360 } },
        { SparkplugDataType.UInt32Array, new[] { 52L, uint.MaxValue }.Select(v => (uint)v).ToArray() },
        { SparkplugDataType.UInt64Array, new[] { 52UL, ulong.MaxValue } },
        { SparkplugDataType.FloatArray, new[] { 1.23f, 89.341f } },
        { SparkplugDataType.DoubleArray, new[] { 12.354213, 1022.9123213 } },
        { SparkplugDataType.BooleanArray, new[] { false, false, true, true, false, true, false, false, true, true, false, true } },
        { SparkplugDataType.StringArray, new[] { "ABC", "hello", string.Empty } },
        { SparkplugDataType.DateTimeArray, new[] { 1_256_102_875_335L, 1_656_107_875_000L } },
    };

    [Theory]
    [MemberData(nameof(ArrayValues))]
    public void ArrayValue_SurvivesEncodeToBytesAndDecode(SparkplugDataType type, Array array)
    {
        var metric = new SparkplugMetric("array", null, 1, MetricValue.FromArray(type, array));

        var decoded = RoundTrip(metric);

        Assert.Equal(metric, decoded);
    }

    [Fact]
    public void DataSet_SurvivesEncodeToBytesAndDecode()
    {
        var dataSet = new SparkplugDataSet(
            ["id", "name", "temperature", "ok", "when"],
            [SparkplugDataType.UInt32, SparkplugDataType.String, SparkplugDataType.Double, SparkplugDataType.Boolean, SparkplugDataType.DateTime],
            [
                [MetricValue.FromUInt32(1), MetricValue.FromString("a"), MetricValue.FromDouble(21.5), MetricValue.FromBoolean(true), MetricValue.FromDateTimeMilliseconds(5)],
                [MetricValue.FromUInt32(uint.MaxValue), MetricValue.Null(SparkplugDataType.String), MetricValue.FromDouble(-1), MetricValue.FromBoolean(false), MetricValue.FromDateTimeMilliseconds(6)],
            ]);
        var metric = new SparkplugMetric("table", null, 1, MetricValue.FromDataSet(dataSet));

        Assert.Equal(metric, RoundTrip(metric));
    }

    [Fact]
    public void TemplateDefinitionAndInstance_SurviveEncodeToBytesAndDecode()
    {
        var definition = new SparkplugTemplate("1.0", null, isDefinition: true,
            [new SparkplugMetric("setpoint", null, null, MetricValue.FromFloat(0))],
            [new SparkplugTemplateParameter("unit", MetricValue.FromString("C"))]);
        var instance = new SparkplugTemplate("1.0", "Motor", isDefinition: false,
            [new SparkplugMetric("setpoint", null, 3, MetricValue.FromFloat(42.5f))],
            [new SparkplugTemplateParameter("unit", MetricValue.FromString("F"))]);

        var definitionMetric = new SparkplugMetric("_types_/Motor", null, 1, MetricValue.FromTemplate(definition));
        var instanceMetric = new SparkplugMetric("motor1", null, 1, MetricValue.FromTemplate(instance));

        Assert.Equal(definitionMetric, RoundTrip(definitionMetric));
        Assert.Equal(instanceMetric, RoundTrip(instanceMetric));
    }

    [Fact]
    public void PropertySet_WithQualityAndNestedSets_SurvivesEncodeToBytesAndDecode()
    {
        var nested = new SparkplugPropertySet([new("engUnit", MetricValue.FromString("C"))]);
        var properties = new SparkplugPropertySet(
        [
            new(SparkplugPropertySet.QualityKey, MetricValue.FromInt32((int)SparkplugQuality.Good)),
            new("limits", MetricValue.FromPropertySet(nested)),
            new("history", MetricValue.FromPropertySetList([nested, SparkplugPropertySet.Empty])),
            new("empty", MetricValue.Null(SparkplugDataType.String)),
        ]);
        var metric = new SparkplugMetric("temperature", 1, 1, MetricValue.FromDouble(20), properties);

        var decoded = RoundTrip(metric);

        Assert.Equal(metric, decoded);
        Assert.Equal(SparkplugQuality.Good, decoded.Properties!.Quality);
    }

    static SparkplugMetric RoundTrip(SparkplugMetric metric)
    {
        var payload = new Payload { Timestamp = 1, Seq = 0 };
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(metric));
        var bytes = payload.ToByteArray();

        Assert.Equal(SparkplugDecodeError.None, SparkplugPayloadDecoder.TryParse(new(bytes), 1 << 20, out var parsed));
        Assert.Equal(MetricValueError.None, SparkplugPayloadDecoder.TryReadMetric(parsed.Metrics[0], null, out var decoded));
        return decoded;
    }
}
