using Google.Protobuf;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;

namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>
/// Writes Sparkplug B protobuf metrics. Interop choices (see docs and the Sparkplug notes):
/// signed 8/16/32-bit integers are sign-extended into <c>int_value</c>; UInt32 goes in <c>long_value</c>,
/// as Eclipse Tahu and the 3.0.0 TCK expect; null values are sent as <c>is_null</c> with no value.
/// </summary>
public static class SparkplugPayloadEncoder
{
    /// <summary>Creates a payload with a timestamp and, for messages that carry one, a sequence number.</summary>
    public static Payload CreatePayload(DateTimeOffset timestamp, byte? seq)
    {
        var payload = new Payload { Timestamp = (ulong)timestamp.ToUnixTimeMilliseconds() };
        if (seq is { } value)
        {
            payload.Seq = value;
        }
        return payload;
    }

    /// <summary>Encodes a metric; <paramref name="includeDataType"/> is true in births and false in data by alias.</summary>
    public static Payload.Types.Metric EncodeMetric(SparkplugMetric metric, bool includeDataType = true)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var encoded = new Payload.Types.Metric();
        if (metric.Name is not null)
        {
            encoded.Name = metric.Name;
        }
        if (metric.Alias is { } alias)
        {
            encoded.Alias = alias;
        }
        if (metric.Timestamp is { } timestamp)
        {
            encoded.Timestamp = timestamp;
        }
        if (includeDataType)
        {
            encoded.Datatype = (uint)metric.DataType;
        }
        if (metric.IsHistorical)
        {
            encoded.IsHistorical = true;
        }
        if (metric.IsTransient)
        {
            encoded.IsTransient = true;
        }
        if (metric.Properties is not null)
        {
            encoded.Properties = EncodePropertySet(metric.Properties);
        }
        WriteValue(encoded, metric.Value);
        return encoded;
    }

    /// <summary>Sets the value oneof (or <c>is_null</c>) of <paramref name="target"/>.</summary>
    public static void WriteValue(Payload.Types.Metric target, MetricValue value)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (value.IsNull)
        {
            target.ClearValue();
            target.IsNull = true;
            return;
        }
        switch (value.DataType)
        {
            case SparkplugDataType.Bytes:
            case SparkplugDataType.File:
                target.BytesValue = ByteString.CopyFrom(value.AsBytes());
                break;
            case SparkplugDataType.DataSet:
                target.DatasetValue = EncodeDataSet(value.AsDataSet());
                break;
            case SparkplugDataType.Template:
                target.TemplateValue = EncodeTemplate(value.AsTemplate());
                break;
            case var array when SparkplugArrayCodec.IsArray(array):
                target.BytesValue = UnsafeByteOperations.UnsafeWrap(SparkplugArrayCodec.Encode(array, value.AsArray()));
                break;
            case var scalar when SparkplugPayloadDecoder.IsScalar(scalar):
                ToScalarField(value).WriteTo(target);
                break;
            default:
                throw new ArgumentException($"A {value.DataType} value cannot be a metric value.", nameof(value));
        }
    }

    public static Payload.Types.PropertySet EncodePropertySet(SparkplugPropertySet propertySet)
    {
        ArgumentNullException.ThrowIfNull(propertySet);
        var encoded = new Payload.Types.PropertySet();
        foreach (var (key, value) in propertySet.Entries)
        {
            encoded.Keys.Add(key);
            encoded.Values.Add(EncodePropertyValue(value));
        }
        return encoded;
    }

    static Payload.Types.PropertyValue EncodePropertyValue(MetricValue value)
    {
        var encoded = new Payload.Types.PropertyValue { Type = (uint)value.DataType };
        if (value.IsNull)
        {
            encoded.IsNull = true;
            return encoded;
        }
        switch (value.DataType)
        {
            case SparkplugDataType.PropertySet:
                encoded.PropertysetValue = EncodePropertySet(value.AsPropertySet());
                break;
            case SparkplugDataType.PropertySetList:
                var list = new Payload.Types.PropertySetList();
                foreach (var set in value.AsArray<SparkplugPropertySet>())
                {
                    list.Propertyset.Add(EncodePropertySet(set));
                }
                encoded.PropertysetsValue = list;
                break;
            default:
                ToScalarField(value).WriteTo(encoded);
                break;
        }
        return encoded;
    }

    static Payload.Types.DataSet EncodeDataSet(SparkplugDataSet dataSet)
    {
        var encoded = new Payload.Types.DataSet { NumOfColumns = (ulong)dataSet.Columns.Count };
        encoded.Columns.AddRange(dataSet.Columns);
        encoded.Types_.AddRange(dataSet.Types.Select(t => (uint)t));
        foreach (var row in dataSet.Rows)
        {
            var encodedRow = new Payload.Types.DataSet.Types.Row();
            foreach (var cell in row)
            {
                var element = new Payload.Types.DataSet.Types.DataSetValue();
                if (!cell.IsNull)
                {
                    ToScalarField(cell).WriteTo(element);
                }
                encodedRow.Elements.Add(element);
            }
            encoded.Rows.Add(encodedRow);
        }
        return encoded;
    }

    static Payload.Types.Template EncodeTemplate(SparkplugTemplate template)
    {
        var encoded = new Payload.Types.Template { IsDefinition = template.IsDefinition };
        if (template.Version is not null)
        {
            encoded.Version = template.Version;
        }
        if (template.TemplateRef is not null)
        {
            encoded.TemplateRef = template.TemplateRef;
        }
        foreach (var metric in template.Metrics)
        {
            encoded.Metrics.Add(EncodeMetric(metric));
        }
        foreach (var parameter in template.Parameters)
        {
            var encodedParameter = new Payload.Types.Template.Types.Parameter { Name = parameter.Name, Type = (uint)parameter.Value.DataType };
            if (!parameter.Value.IsNull)
            {
                ToScalarField(parameter.Value).WriteTo(encodedParameter);
            }
            encoded.Parameters.Add(encodedParameter);
        }
        return encoded;
    }

    static ScalarField ToScalarField(MetricValue value) => value.DataType switch
    {
        // Sign-extended to 32 bits inside the uint32 field (Sparkplug 3.0 §6.4.16).
        SparkplugDataType.Int8 or SparkplugDataType.Int16 or SparkplugDataType.Int32 =>
            new(ScalarFieldKind.Int, unchecked((uint)(int)(long)value.Bits)),
        SparkplugDataType.UInt8 or SparkplugDataType.UInt16 => new(ScalarFieldKind.Int, value.Bits),
        // UInt32 in long_value: Tahu and the 3.0.0 TCK read it there (sparkplug#102).
        SparkplugDataType.UInt32 or SparkplugDataType.Int64 or SparkplugDataType.UInt64 or SparkplugDataType.DateTime =>
            new(ScalarFieldKind.Long, value.Bits),
        SparkplugDataType.Float => new(ScalarFieldKind.Float, Float: value.AsFloat()),
        SparkplugDataType.Double => new(ScalarFieldKind.Double, Double: value.AsDouble()),
        SparkplugDataType.Boolean => new(ScalarFieldKind.Boolean, Boolean: value.AsBoolean()),
        SparkplugDataType.String or SparkplugDataType.Text or SparkplugDataType.Uuid => new(ScalarFieldKind.String, Text: value.AsString()),
        _ => throw new ArgumentException($"{value.DataType} is not a scalar datatype.", nameof(value)),
    };
}
