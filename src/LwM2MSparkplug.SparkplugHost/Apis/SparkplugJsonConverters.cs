using System.Text.Json;
using System.Text.Json.Serialization;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.SparkplugHost.Apis;

/// <summary>Writes metric values with <see cref="SparkplugJsonWriter"/>: exact 64-bit integers, base64 bytes, typed arrays.</summary>
public sealed class MetricValueJsonConverter : JsonConverter<MetricValue>
{
    public override MetricValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Metric values are read with their datatype; use SparkplugJsonReader.");

    public override void Write(Utf8JsonWriter writer, MetricValue value, JsonSerializerOptions options) =>
        SparkplugJsonWriter.WriteValue(writer, value);
}

public sealed class PropertySetJsonConverter : JsonConverter<SparkplugPropertySet>
{
    public override SparkplugPropertySet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Property sets are not read from JSON.");

    public override void Write(Utf8JsonWriter writer, SparkplugPropertySet value, JsonSerializerOptions options) =>
        SparkplugJsonWriter.WritePropertySet(writer, value);
}
