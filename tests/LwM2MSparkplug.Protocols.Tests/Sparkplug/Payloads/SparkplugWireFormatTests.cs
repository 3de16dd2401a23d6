using Google.Protobuf;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.Payloads;

/// <summary>Golden wire values: what other Sparkplug implementations send and expect.</summary>
public class SparkplugWireFormatTests
{
    [Fact]
    public void DataTypeNumbers_MatchTheProtobufSchema()
    {
        foreach (var generated in Enum.GetValues<DataType>())
        {
            Assert.Equal((uint)generated, (uint)Enum.Parse<SparkplugDataType>(generated.ToString(), ignoreCase: true));
        }
        Assert.Equal(35, Enum.GetValues<SparkplugDataType>().Length);
    }

    [Theory]
    [InlineData(-1, 4294967295u)]
    [InlineData(-128, 4294967168u)]
    [InlineData(127, 127u)]
    public void Int8_IsSignExtendedTo32BitsInIntValue(sbyte value, uint wire)
    {
        var metric = Encode(MetricValue.FromInt8(value));

        Assert.Equal(Payload.Types.Metric.ValueOneofCase.IntValue, metric.ValueCase);
        Assert.Equal(wire, metric.IntValue);
    }

    [Fact]
    public void Int16_IsSignExtendedTo32BitsInIntValue()
    {
        Assert.Equal(4294967294u, Encode(MetricValue.FromInt16(-2)).IntValue);
    }

    [Fact]
    public void UInt32_IsWrittenInLongValue()
    {
        var metric = Encode(MetricValue.FromUInt32(uint.MaxValue));

        Assert.Equal(Payload.Types.Metric.ValueOneofCase.LongValue, metric.ValueCase);
        Assert.Equal(uint.MaxValue, metric.LongValue);
    }

    [Fact]
    public void UInt32_IsReadFromIntValueToo()
    {
        var metric = new Payload.Types.Metric { Datatype = (uint)SparkplugDataType.UInt32, IntValue = 4000000000 };

        Assert.Equal(MetricValueError.None, SparkplugPayloadDecoder.TryReadValue(metric, SparkplugDataType.UInt32, out var value));
        Assert.Equal(4000000000UL, value.AsUInt64());
    }

    [Theory]
    [InlineData(255u, -1)]
    [InlineData(4294967295u, -1)]
    [InlineData(128u, -128)]
    public void Int8_IsReadFromSignExtendedOrZeroExtendedForms(uint wire, int expected)
    {
        var metric = new Payload.Types.Metric { IntValue = wire };

        Assert.Equal(MetricValueError.None, SparkplugPayloadDecoder.TryReadValue(metric, SparkplugDataType.Int8, out var value));
        Assert.Equal(expected, value.AsInt64());
    }

    [Fact]
    public void Int64_NegativeValue_IsTwosComplementInLongValue()
    {
        Assert.Equal(ulong.MaxValue, Encode(MetricValue.FromInt64(-1)).LongValue);
    }

    [Fact]
    public void SeqZero_IsPresentOnTheWire()
    {
        var bytes = new Payload { Seq = 0 }.ToByteArray();

        // Field 3, varint: tag 0x18 then value 0x00. A proto3 schema would write nothing.
        Assert.Equal(new byte[] { 0x18, 0x00 }, bytes);
    }

    [Fact]
    public void NullValue_IsSentAsIsNullWithoutValue()
    {
        var metric = Encode(MetricValue.Null(SparkplugDataType.Double));

        Assert.True(metric.IsNull);
        Assert.Equal(Payload.Types.Metric.ValueOneofCase.None, metric.ValueCase);
    }

    public static TheoryData<SparkplugDataType, Array, byte[]> GoldenArrays => new()
    {
        // Sparkplug 3.0 §6.4.17 examples (multi-byte values little-endian).
        { SparkplugDataType.Int8Array, new sbyte[] { -23, 123 }, [0xE9, 0x7B] },
        { SparkplugDataType.Int16Array, new short[] { -30000, 30000 }, [0xD0, 0x8A, 0x30, 0x75] },
        { SparkplugDataType.UInt16Array, new ushort[] { 30, 52360 }, [0x1E, 0x00, 0x88, 0xCC] },
        { SparkplugDataType.Int32Array, new[] { -1, 315338746 }, [0xFF, 0xFF, 0xFF, 0xFF, 0xFA, 0xAF, 0xCB, 0x12] },
        { SparkplugDataType.BooleanArray, new[] { false, false, true, true, false, true, false, false, true, true, false, true }, [0x0C, 0x00, 0x00, 0x00, 0x34, 0xD0] },
        { SparkplugDataType.StringArray, new[] { "ABC", "hello" }, [0x41, 0x42, 0x43, 0x00, 0x68, 0x65, 0x6C, 0x6C, 0x6F, 0x00] },
        { SparkplugDataType.FloatArray, new[] { 1.23f }, [0xA4, 0x70, 0x9D, 0x3F] },
        { SparkplugDataType.DateTimeArray, new[] { 1256102875335L }, [0xC7, 0xD0, 0x90, 0x75, 0x24, 0x01, 0x00, 0x00] },
    };

    [Theory]
    [MemberData(nameof(GoldenArrays))]
    public void ArrayEncoding_MatchesGoldenBytes(SparkplugDataType type, Array array, byte[] golden)
    {
        Assert.Equal(golden, SparkplugArrayCodec.Encode(type, array));
        Assert.True(SparkplugArrayCodec.TryDecode(type, golden, out var decoded));
        Assert.Equal(array, decoded);
    }

    public static TheoryData<string, Payload.Types.Metric, SparkplugDataType, MetricValueError> InvalidValues => new()
    {
        { "UInt8 above 255", new() { IntValue = 300 }, SparkplugDataType.UInt8, MetricValueError.OutOfRange },
        { "UInt16 above 65535", new() { IntValue = 70000 }, SparkplugDataType.UInt16, MetricValueError.OutOfRange },
        { "UInt32 above 2^32-1", new() { LongValue = 1UL << 32 }, SparkplugDataType.UInt32, MetricValueError.OutOfRange },
        { "Int8 not sign-extended", new() { IntValue = 0x1FF }, SparkplugDataType.Int8, MetricValueError.OutOfRange },
        { "Int16 in long above range", new() { LongValue = 1UL << 20 }, SparkplugDataType.Int16, MetricValueError.OutOfRange },
        { "Float in int field", new() { IntValue = 1 }, SparkplugDataType.Float, MetricValueError.WrongValueField },
        { "Boolean in string field", new() { StringValue = "true" }, SparkplugDataType.Boolean, MetricValueError.WrongValueField },
        { "String in bytes field", new() { BytesValue = ByteString.CopyFromUtf8("x") }, SparkplugDataType.String, MetricValueError.WrongValueField },
        { "Datatype 0", new() { IntValue = 1 }, SparkplugDataType.Unknown, MetricValueError.UnknownDataType },
        { "Datatype 99", new() { IntValue = 1 }, (SparkplugDataType)99, MetricValueError.UnknownDataType },
        { "PropertySet as metric", new() { IntValue = 1 }, SparkplugDataType.PropertySet, MetricValueError.UnsupportedDataType },
        { "No value and not null", new(), SparkplugDataType.Int32, MetricValueError.MissingValue },
        { "Int32Array of 3 bytes", new() { BytesValue = ByteString.CopyFrom(1, 2, 3) }, SparkplugDataType.Int32Array, MetricValueError.MalformedArray },
        { "BooleanArray count too big", new() { BytesValue = ByteString.CopyFrom(0x09, 0, 0, 0, 0xFF) }, SparkplugDataType.BooleanArray, MetricValueError.MalformedArray },
        { "StringArray without NUL", new() { BytesValue = ByteString.CopyFromUtf8("abc") }, SparkplugDataType.StringArray, MetricValueError.MalformedArray },
        { "StringArray bad UTF-8", new() { BytesValue = ByteString.CopyFrom(0xC3, 0x28, 0x00) }, SparkplugDataType.StringArray, MetricValueError.MalformedArray },
        { "Array in int field", new() { IntValue = 1 }, SparkplugDataType.DoubleArray, MetricValueError.WrongValueField },
        { "DataSet columns vs types", new() { DatasetValue = new() { Columns = { "a", "b" }, Types_ = { 3 } } }, SparkplugDataType.DataSet, MetricValueError.MalformedDataSet },
        { "DataSet num_of_columns", new() { DatasetValue = new() { NumOfColumns = 3, Columns = { "a" }, Types_ = { 3 } } }, SparkplugDataType.DataSet, MetricValueError.MalformedDataSet },
        { "DataSet short row", new() { DatasetValue = new() { Columns = { "a" }, Types_ = { 3 }, Rows = { new Payload.Types.DataSet.Types.Row() } } }, SparkplugDataType.DataSet, MetricValueError.MalformedDataSet },
        { "DataSet array column", new() { DatasetValue = new() { Columns = { "a" }, Types_ = { 24 } } }, SparkplugDataType.DataSet, MetricValueError.MalformedDataSet },
        { "Template definition with ref", new() { TemplateValue = new() { IsDefinition = true, TemplateRef = "X" } }, SparkplugDataType.Template, MetricValueError.MalformedTemplate },
        { "Template instance without ref", new() { TemplateValue = new() { IsDefinition = false } }, SparkplugDataType.Template, MetricValueError.MalformedTemplate },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void TryReadValue_InvalidWireValue_ReturnsReason(string name, Payload.Types.Metric metric, SparkplugDataType type, MetricValueError expected)
    {
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Equal(expected, SparkplugPayloadDecoder.TryReadValue(metric, type, out _));
    }

    [Fact]
    public void TryReadMetric_PropertySetKeysAndValuesDiffer_IsMalformed()
    {
        var metric = new Payload.Types.Metric { Name = "m", Datatype = 3, IntValue = 1, Properties = new() { Keys = { "a", "b" } } };

        Assert.Equal(MetricValueError.MalformedPropertySet, SparkplugPayloadDecoder.TryReadMetric(metric, null, out _));
    }

    [Fact]
    public void TryParse_Garbage_IsMalformedProtobuf()
    {
        Assert.Equal(SparkplugDecodeError.MalformedProtobuf, SparkplugPayloadDecoder.TryParse(new(new byte[] { 0xFF, 0xFF, 0xFF }), 1024, out _));
    }

    [Fact]
    public void TryParse_Empty_And_Oversize_AreRejected()
    {
        Assert.Equal(SparkplugDecodeError.EmptyPayload, SparkplugPayloadDecoder.TryParse(new(Array.Empty<byte>()), 1024, out _));
        Assert.Equal(SparkplugDecodeError.PayloadTooLarge, SparkplugPayloadDecoder.TryParse(new(new byte[2048]), 1024, out _));
    }

    static Payload.Types.Metric Encode(MetricValue value)
    {
        var metric = SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("m", null, null, value));
        return Payload.Types.Metric.Parser.ParseFrom(metric.ToByteArray());
    }
}
