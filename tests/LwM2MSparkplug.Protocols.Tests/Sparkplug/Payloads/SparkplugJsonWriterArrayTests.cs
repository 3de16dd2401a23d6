using System.Buffers;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.Payloads;

/// <summary>
/// Every array datatype at its minimum and maximum, as the REST read model and the Kafka JSON write it (one writer):
/// an unsigned array must not print as signed (a UInt8Array 250 read as -6).
/// </summary>
public sealed class SparkplugJsonWriterArrayTests
{
    public static TheoryData<SparkplugDataType, Array, string> Arrays => new()
    {
        { SparkplugDataType.Int8Array, new sbyte[] { sbyte.MinValue, sbyte.MaxValue }, "[-128,127]" },
        { SparkplugDataType.Int16Array, new short[] { short.MinValue, short.MaxValue }, "[-32768,32767]" },
        { SparkplugDataType.Int32Array, new[] { int.MinValue, int.MaxValue }, "[-2147483648,2147483647]" },
        { SparkplugDataType.Int64Array, new[] { long.MinValue, long.MaxValue }, "[-9223372036854775808,9223372036854775807]" },
        { SparkplugDataType.UInt8Array, new byte[] { 23, 250, byte.MaxValue }, "[23,250,255]" },
        { SparkplugDataType.UInt16Array, new ushort[] { ushort.MinValue, ushort.MaxValue }, "[0,65535]" },
        { SparkplugDataType.UInt32Array, new[] { uint.MinValue, uint.MaxValue }, "[0,4294967295]" },
        { SparkplugDataType.UInt64Array, new[] { ulong.MinValue, ulong.MaxValue }, "[0,18446744073709551615]" },
        { SparkplugDataType.DateTimeArray, new[] { 0L, 1767225600000L }, "[0,1767225600000]" },
    };

    [Theory]
    [MemberData(nameof(Arrays))]
    public void ArrayValues_AreWrittenAsTheirDatatypeSays(SparkplugDataType dataType, Array values, string expected)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            SparkplugJsonWriter.WriteValue(writer, MetricValue.FromArray(dataType, values));
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
