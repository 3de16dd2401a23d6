using System.Text.Json;

namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>
/// Writes Sparkplug values as JSON for REST views and Kafka records. 64-bit integers are written exactly;
/// DateTime as integer milliseconds since the Unix epoch; Bytes and File as base64; non-finite floats as
/// the strings "NaN", "Infinity", "-Infinity"; datatypes by their specification names (e.g. "UInt32", "UUID").
/// </summary>
public static class SparkplugJsonWriter
{
    public static string DataTypeName(SparkplugDataType dataType) => dataType switch
    {
        SparkplugDataType.Uuid => "UUID",
        _ => dataType.ToString(),
    };

    public static void WriteValue(Utf8JsonWriter writer, MetricValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsNull)
        {
            writer.WriteNullValue();
            return;
        }
        switch (value.DataType)
        {
            case SparkplugDataType.Int8 or SparkplugDataType.Int16 or SparkplugDataType.Int32 or SparkplugDataType.Int64 or SparkplugDataType.DateTime:
                writer.WriteNumberValue(value.AsInt64());
                break;
            case SparkplugDataType.UInt8 or SparkplugDataType.UInt16 or SparkplugDataType.UInt32 or SparkplugDataType.UInt64:
                writer.WriteNumberValue(value.AsUInt64());
                break;
            case SparkplugDataType.Float:
                WriteReal(writer, value.AsFloat());
                break;
            case SparkplugDataType.Double:
                WriteReal(writer, value.AsDouble());
                break;
            case SparkplugDataType.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            case SparkplugDataType.String or SparkplugDataType.Text or SparkplugDataType.Uuid:
                writer.WriteStringValue(value.AsString());
                break;
            case SparkplugDataType.Bytes or SparkplugDataType.File:
                writer.WriteBase64StringValue(value.AsBytes());
                break;
            case SparkplugDataType.DataSet:
                WriteDataSet(writer, value.AsDataSet());
                break;
            case SparkplugDataType.Template:
                WriteTemplate(writer, value.AsTemplate());
                break;
            case SparkplugDataType.PropertySet:
                WritePropertySet(writer, value.AsPropertySet());
                break;
            case SparkplugDataType.PropertySetList:
                writer.WriteStartArray();
                foreach (var set in value.AsArray<SparkplugPropertySet>())
                {
                    WritePropertySet(writer, set);
                }
                writer.WriteEndArray();
                break;
            default:
                WriteArray(writer, value);
                break;
        }
    }

    /// <summary>Writes <c>{"key":{"type":"Int32","value":192},…}</c>.</summary>
    public static void WritePropertySet(Utf8JsonWriter writer, SparkplugPropertySet propertySet)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(propertySet);
        writer.WriteStartObject();
        foreach (var (key, value) in propertySet.Entries)
        {
            writer.WriteStartObject(key);
            writer.WriteString("type", DataTypeName(value.DataType));
            writer.WritePropertyName("value");
            WriteValue(writer, value);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes one metric: name (resolved from the birth when sent by alias), alias, timestamp, datatype, value, properties.</summary>
    public static void WriteMetric(Utf8JsonWriter writer, SparkplugMetric metric, string? resolvedName = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metric);
        writer.WriteStartObject();
        if ((metric.Name ?? resolvedName) is { } name)
        {
            writer.WriteString("name", name);
        }
        if (metric.Alias is { } alias)
        {
            writer.WriteNumber("alias", alias);
        }
        if (metric.Timestamp is { } timestamp)
        {
            writer.WriteNumber("timestamp", timestamp);
        }
        writer.WriteString("datatype", DataTypeName(metric.DataType));
        writer.WritePropertyName("value");
        WriteValue(writer, metric.Value);
        if (metric.IsHistorical)
        {
            writer.WriteBoolean("is_historical", true);
        }
        if (metric.IsTransient)
        {
            writer.WriteBoolean("is_transient", true);
        }
        if (metric.Properties is not null)
        {
            writer.WritePropertyName("properties");
            WritePropertySet(writer, metric.Properties);
        }
        writer.WriteEndObject();
    }

    static void WriteReal(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    static void WriteReal(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            WriteReal(writer, (double)value);
        }
    }

    /// <summary>
    /// An array by its datatype, not by a type test on the CLR array: the runtime lets a <c>byte[]</c> pass as an
    /// <c>sbyte[]</c> (and <c>ushort[]</c>/<c>uint[]</c>/<c>ulong[]</c> as their signed kin), which would print 250 as -6.
    /// </summary>
    static void WriteArray(Utf8JsonWriter writer, MetricValue value)
    {
        writer.WriteStartArray();
        var array = value.AsArray();
        switch (value.DataType)
        {
            case SparkplugDataType.Int8Array: foreach (var v in (sbyte[])array!) { writer.WriteNumberValue(v); } break;
            case SparkplugDataType.Int16Array: foreach (var v in (short[])array!) { writer.WriteNumberValue(v); } break;
            case SparkplugDataType.Int32Array: foreach (var v in (int[])array!) { writer.WriteNumberValue(v); } break;
            case SparkplugDataType.Int64Array or SparkplugDataType.DateTimeArray: foreach (var v in (long[])array!) { writer.WriteNumberValue(v); } break;
            case SparkplugDataType.UInt8Array: foreach (var v in (byte[])array!) { writer.WriteNumberValue(v); } break;
            case SparkplugDataType.UInt16Array: foreach (var v in (ushort[])array!) { writer.WriteNumberValue(v); } break;
            case SparkplugDataType.UInt32Array: foreach (var v in (uint[])array!) { writer.WriteNumberValue(v); } break;
            case SparkplugDataType.UInt64Array: foreach (var v in (ulong[])array!) { writer.WriteNumberValue(v); } break;
            case SparkplugDataType.FloatArray: foreach (var v in (float[])array!) { WriteReal(writer, v); } break;
            case SparkplugDataType.DoubleArray: foreach (var v in (double[])array!) { WriteReal(writer, v); } break;
            case SparkplugDataType.BooleanArray: foreach (var v in (bool[])array!) { writer.WriteBooleanValue(v); } break;
            case SparkplugDataType.StringArray: foreach (var v in (string[])array!) { writer.WriteStringValue(v); } break;
        }
        writer.WriteEndArray();
    }

    static void WriteDataSet(Utf8JsonWriter writer, SparkplugDataSet dataSet)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("columns");
        foreach (var column in dataSet.Columns)
        {
            writer.WriteStringValue(column);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("types");
        foreach (var type in dataSet.Types)
        {
            writer.WriteStringValue(DataTypeName(type));
        }
        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        foreach (var row in dataSet.Rows)
        {
            writer.WriteStartArray();
            foreach (var cell in row)
            {
                WriteValue(writer, cell);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    static void WriteTemplate(Utf8JsonWriter writer, SparkplugTemplate template)
    {
        writer.WriteStartObject();
        if (template.Version is not null)
        {
            writer.WriteString("version", template.Version);
        }
        if (template.TemplateRef is not null)
        {
            writer.WriteString("template_ref", template.TemplateRef);
        }
        writer.WriteBoolean("is_definition", template.IsDefinition);
        writer.WriteStartArray("metrics");
        foreach (var metric in template.Metrics)
        {
            WriteMetric(writer, metric);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("parameters");
        foreach (var parameter in template.Parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("name", parameter.Name);
            writer.WriteString("type", DataTypeName(parameter.Value.DataType));
            writer.WritePropertyName("value");
            WriteValue(writer, parameter.Value);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
