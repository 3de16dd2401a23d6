using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.Payloads;

public class SparkplugJsonReaderTests
{
    [Theory]
    [InlineData("1e400", SparkplugDataType.Double)]
    [InlineData("-1e400", SparkplugDataType.Double)]
    [InlineData("1e400", SparkplugDataType.Float)]
    [InlineData("1e39", SparkplugDataType.Float)]
    [InlineData("\"Infinity\"", SparkplugDataType.Int32)]
    [InlineData("\"NaN\"", SparkplugDataType.Int64)]
    [InlineData("\"infinity\"", SparkplugDataType.Double)]
    [InlineData("\"12\"", SparkplugDataType.Double)]
    [InlineData("true", SparkplugDataType.Float)]
    [InlineData("128", SparkplugDataType.Int8)]
    [InlineData("-1", SparkplugDataType.UInt8)]
    [InlineData("4294967296", SparkplugDataType.UInt32)]
    [InlineData("1.5", SparkplugDataType.Int64)]
    [InlineData("1e400", SparkplugDataType.Int64)]
    [InlineData("18446744073709551616", SparkplugDataType.UInt64)]
    [InlineData("\"1\"", SparkplugDataType.Int32)]
    [InlineData("1", SparkplugDataType.Boolean)]
    [InlineData("1", SparkplugDataType.String)]
    [InlineData("{}", SparkplugDataType.Double)]
    [InlineData("[1]", SparkplugDataType.Double)]
    [InlineData("[1e400]", SparkplugDataType.DoubleArray)]
    [InlineData("[300]", SparkplugDataType.UInt8Array)]
    [InlineData("1e400", SparkplugDataType.DateTime)]
    [InlineData("{}", SparkplugDataType.DataSet)]
    public void AValueThatDoesNotFitTheDatatype_IsRefused_WithAnErrorNamingTheDatatype(string json, SparkplugDataType dataType)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(SparkplugJsonReader.TryReadValue(document.RootElement, dataType, out _, out var error));

        Assert.Contains(SparkplugJsonWriter.DataTypeName(dataType).Replace("Array", string.Empty, StringComparison.Ordinal), error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"NaN\"", SparkplugDataType.Float, float.NaN)]
    [InlineData("\"Infinity\"", SparkplugDataType.Float, float.PositiveInfinity)]
    [InlineData("\"-Infinity\"", SparkplugDataType.Double, double.NegativeInfinity)]
    [InlineData("1e38", SparkplugDataType.Float, 1e38f)]
    [InlineData("-0.5", SparkplugDataType.Double, -0.5)]
    public void FloatsAndDoubles_TakeFiniteNumbers_AndTheNamedNonFiniteValues(string json, SparkplugDataType dataType, double expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.True(SparkplugJsonReader.TryReadValue(document.RootElement, dataType, out var value, out _));

        Assert.Equal(expected, dataType == SparkplugDataType.Float ? value.AsFloat() : value.AsDouble());
    }

    [Theory]
    [InlineData(SparkplugDataType.String)]
    [InlineData(SparkplugDataType.Uuid)]
    [InlineData(SparkplugDataType.DateTime)]
    [InlineData(SparkplugDataType.Double)]
    [InlineData(SparkplugDataType.StringArray)]
    public void AStringOfInvalidUtf8_IsRefused_NotThrown(SparkplugDataType dataType)
    {
        var json = dataType == SparkplugDataType.StringArray ? "[\"a\xff\"]" : "\"a\xff\"";
        using var document = JsonDocument.Parse(Encoding.Latin1.GetBytes(json));

        Assert.False(SparkplugJsonReader.TryReadValue(document.RootElement, dataType, out _, out var error));

        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NoValueAtAll_IsRefused_NotThrown()
    {
        Assert.False(SparkplugJsonReader.TryReadValue(default, SparkplugDataType.Double, out _, out var error));

        Assert.Contains("no value", error, StringComparison.Ordinal);
    }
}
