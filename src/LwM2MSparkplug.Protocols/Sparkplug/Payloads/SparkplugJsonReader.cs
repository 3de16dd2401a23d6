using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>
/// Reads a JSON value as a metric value of a known datatype, for writes sent as commands (NCMD/DCMD).
/// Accepts what <see cref="SparkplugJsonWriter"/> writes for scalars and arrays.
/// </summary>
/// <remarks>
/// A value that does not fit the datatype is refused, never narrowed: an integer out of the type's range, a number
/// beyond Float or Double (<c>1e400</c>), the wrong JSON kind, a string that is not valid UTF-8. NaN and ±Infinity are
/// legal Float and Double values, written as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
/// </remarks>
public static class SparkplugJsonReader
{
    // An error quotes at most this much of the value it refuses.
    const int ExcerptLength = 64;

    /// <summary>Reads <paramref name="json"/> as a value of <paramref name="dataType"/>; else false and why, naming the datatype.</summary>
    public static bool TryReadValue(JsonElement json, SparkplugDataType dataType, out MetricValue value, out string error)
    {
        value = default;
        error = string.Empty;
        if (json.ValueKind == JsonValueKind.Undefined)
        {
            error = $"there is no value; a {SparkplugJsonWriter.DataTypeName(dataType)} value is required";
            return false;
        }
        if (json.ValueKind == JsonValueKind.Null)
        {
            value = MetricValue.Null(dataType);
            return true;
        }
        if (SparkplugArrayCodec.ElementType(dataType) is not null)
        {
            return TryReadArray(json, dataType, out value, out error);
        }
        if (TryReadScalar(json, dataType, out value))
        {
            return true;
        }
        error = $"{Describe(json)} is not a valid {SparkplugJsonWriter.DataTypeName(dataType)} value";
        return false;
    }

    static bool TryReadScalar(JsonElement json, SparkplugDataType dataType, out MetricValue value)
    {
        value = default;
        switch (dataType)
        {
            case SparkplugDataType.Int8 or SparkplugDataType.Int16 or SparkplugDataType.Int32 or SparkplugDataType.Int64:
            {
                var (min, max) = dataType switch
                {
                    SparkplugDataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
                    SparkplugDataType.Int16 => (short.MinValue, short.MaxValue),
                    SparkplugDataType.Int32 => (int.MinValue, int.MaxValue),
                    _ => (long.MinValue, long.MaxValue),
                };
                if (json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var signed) && signed >= min && signed <= max)
                {
                    value = MetricValue.FromInteger(dataType, signed);
                    return true;
                }
                return false;
            }
            case SparkplugDataType.UInt8 or SparkplugDataType.UInt16 or SparkplugDataType.UInt32 or SparkplugDataType.UInt64:
            {
                var max = dataType switch
                {
                    SparkplugDataType.UInt8 => byte.MaxValue,
                    SparkplugDataType.UInt16 => ushort.MaxValue,
                    SparkplugDataType.UInt32 => uint.MaxValue,
                    _ => ulong.MaxValue,
                };
                if (json.ValueKind == JsonValueKind.Number && json.TryGetUInt64(out var unsigned) && unsigned <= max)
                {
                    value = dataType == SparkplugDataType.UInt64 ? MetricValue.FromUInt64(unsigned) : MetricValue.FromInteger(dataType, (long)unsigned);
                    return true;
                }
                return false;
            }
            case SparkplugDataType.DateTime:
                if (json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var milliseconds))
                {
                    value = MetricValue.FromDateTimeMilliseconds(milliseconds);
                    return true;
                }
                if (TryGetString(json, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    value = MetricValue.FromDateTime(time);
                    return true;
                }
                return false;
            case SparkplugDataType.Float:
                // A finite number beyond Float's range would become ±Infinity: refused, not rounded.
                if (TryReadReal(json, out var single) && (float.IsFinite((float)single) || !double.IsFinite(single)))
                {
                    value = MetricValue.FromFloat((float)single);
                    return true;
                }
                return false;
            case SparkplugDataType.Double:
                if (TryReadReal(json, out var real))
                {
                    value = MetricValue.FromDouble(real);
                    return true;
                }
                return false;
            case SparkplugDataType.Boolean:
                if (json.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    value = MetricValue.FromBoolean(json.GetBoolean());
                    return true;
                }
                return false;
            case SparkplugDataType.String or SparkplugDataType.Text or SparkplugDataType.Uuid:
                if (TryGetString(json, out var chars))
                {
                    value = MetricValue.FromString(chars, dataType);
                    return true;
                }
                return false;
            case SparkplugDataType.Bytes or SparkplugDataType.File:
                if (json.ValueKind == JsonValueKind.String && json.TryGetBytesFromBase64(out var bytes))
                {
                    value = MetricValue.FromBytes(bytes, dataType);
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    static bool TryReadReal(JsonElement json, out double value)
    {
        value = 0;
        if (json.ValueKind == JsonValueKind.Number)
        {
            // System.Text.Json reads a number beyond Double's range (1e400) as ±Infinity: that is no Double the
            // sender wrote, so it is refused; the non-finite values are the named strings only.
            return json.TryGetDouble(out value) && double.IsFinite(value);
        }
        if (!TryGetString(json, out var text))
        {
            return false;
        }
        (var named, value) = text switch
        {
            "NaN" => (true, double.NaN),
            "Infinity" => (true, double.PositiveInfinity),
            "-Infinity" => (true, double.NegativeInfinity),
            _ => (false, 0),
        };
        return named;
    }

    /// <summary>
    /// The text of a JSON string. System.Text.Json checks a string's UTF-8 (and its escaped surrogates) only when it
    /// is read, and throws then; a body from outside that fails the check is a refused value, not an exception.
    /// </summary>
    static bool TryGetString(JsonElement json, out string text)
    {
        text = string.Empty;
        if (json.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        try
        {
            text = json.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A bounded excerpt of the refused value for the error; its raw text may not be UTF-8.</summary>
    static string Describe(JsonElement json)
    {
        if (!Utf8.IsValid(JsonMarshal.GetRawUtf8Value(json)))
        {
            return "a string that is not valid UTF-8";
        }
        var raw = json.GetRawText();
        return raw.Length <= ExcerptLength ? raw : string.Concat(raw.AsSpan(0, ExcerptLength), "…");
    }

    static bool TryReadArray(JsonElement json, SparkplugDataType dataType, out MetricValue value, out string error)
    {
        value = default;
        error = string.Empty;
        if (json.ValueKind != JsonValueKind.Array)
        {
            error = $"a {SparkplugJsonWriter.DataTypeName(dataType)} value is a JSON array";
            return false;
        }
        var elementType = ElementDataType(dataType);
        var elements = new List<MetricValue>(json.GetArrayLength());
        foreach (var item in json.EnumerateArray())
        {
            if (!TryReadScalar(item, elementType, out var element))
            {
                error = $"{Describe(item)} is not a valid {SparkplugJsonWriter.DataTypeName(elementType)} array element";
                return false;
            }
            elements.Add(element);
        }
        Array array = dataType switch
        {
            SparkplugDataType.Int8Array => elements.Select(e => (sbyte)e.AsInt64()).ToArray(),
            SparkplugDataType.Int16Array => elements.Select(e => (short)e.AsInt64()).ToArray(),
            SparkplugDataType.Int32Array => elements.Select(e => (int)e.AsInt64()).ToArray(),
            SparkplugDataType.Int64Array or SparkplugDataType.DateTimeArray => elements.Select(e => e.AsInt64()).ToArray(),
            SparkplugDataType.UInt8Array => elements.Select(e => (byte)e.AsUInt64()).ToArray(),
            SparkplugDataType.UInt16Array => elements.Select(e => (ushort)e.AsUInt64()).ToArray(),
            SparkplugDataType.UInt32Array => elements.Select(e => (uint)e.AsUInt64()).ToArray(),
            SparkplugDataType.UInt64Array => elements.Select(e => e.AsUInt64()).ToArray(),
            SparkplugDataType.FloatArray => elements.Select(e => e.AsFloat()).ToArray(),
            SparkplugDataType.DoubleArray => elements.Select(e => e.AsDouble()).ToArray(),
            SparkplugDataType.BooleanArray => elements.Select(e => e.AsBoolean()).ToArray(),
            _ => elements.Select(e => e.AsString()).ToArray(),
        };
        value = MetricValue.FromArray(dataType, array);
        return true;
    }

    static SparkplugDataType ElementDataType(SparkplugDataType arrayType) => arrayType switch
    {
        SparkplugDataType.Int8Array => SparkplugDataType.Int8,
        SparkplugDataType.Int16Array => SparkplugDataType.Int16,
        SparkplugDataType.Int32Array => SparkplugDataType.Int32,
        SparkplugDataType.Int64Array => SparkplugDataType.Int64,
        SparkplugDataType.UInt8Array => SparkplugDataType.UInt8,
        SparkplugDataType.UInt16Array => SparkplugDataType.UInt16,
        SparkplugDataType.UInt32Array => SparkplugDataType.UInt32,
        SparkplugDataType.UInt64Array => SparkplugDataType.UInt64,
        SparkplugDataType.FloatArray => SparkplugDataType.Float,
        SparkplugDataType.DoubleArray => SparkplugDataType.Double,
        SparkplugDataType.BooleanArray => SparkplugDataType.Boolean,
        SparkplugDataType.StringArray => SparkplugDataType.String,
        _ => SparkplugDataType.DateTime,
    };
}
