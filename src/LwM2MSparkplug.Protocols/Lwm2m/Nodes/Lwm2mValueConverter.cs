using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Cbor;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Senml;

namespace LwM2MSparkplug.Protocols.Lwm2m.Nodes;

/// <summary>
/// Converts resource values between SenML records, plain JSON (the REST API) and the text format, typed by the
/// client's object definitions (its registered versions); resources of unknown objects keep the type their encoding shows.
/// </summary>
public static class Lwm2mValueConverter
{
    /// <summary>Reads SenML records as resource values; the error names the path and what was wrong.</summary>
    public static bool TryFromSenml(IEnumerable<SenmlRecord> records, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        ArgumentNullException.ThrowIfNull(model);
        var list = new List<Lwm2mResourceValue>();
        values = list;
        error = string.Empty;
        foreach (var resolved in SenmlJsonCodec.Resolve(records))
        {
            if (!Lwm2mPath.TryParse(resolved.Name, out var path) || path.Depth < 3)
            {
                error = $"'{resolved.Name}' is not a resource or resource-instance path";
                return false;
            }
            if (model.Validate(path) is { } invalid)
            {
                error = $"{path}: {invalid}";
                return false;
            }
            var record = resolved.Record;
            if (!record.HasValue)
            {
                error = $"{path}: the record has no value";
                return false;
            }
            Lwm2mResourceType type;
            object? value;
            if (model.TryGetResource(path, out var definition))
            {
                type = definition.Type;
                value = FromSenmlAs(type, record);
                if (value is null)
                {
                    error = $"{path} ({definition.Name}) needs {Describe(type)}";
                    return false;
                }
            }
            else
            {
                (type, value) = Infer(record);
            }
            list.Add(new Lwm2mResourceValue(path, type, value) { SenmlTime = resolved.Time });
        }
        return true;
    }

    /// <summary>
    /// Types the items of an LwM2M CBOR payload by the device's model (a value is read as its resource's type, whatever
    /// CBOR width or kind carried it, as Core App. C asks); resources of unknown objects keep the type their item shows.
    /// </summary>
    public static bool TryFromCbor(IEnumerable<Lwm2mCborItem> items, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(model);
        var list = new List<Lwm2mResourceValue>();
        values = list;
        error = string.Empty;
        foreach (var item in items)
        {
            if (model.Validate(item.Path) is { } invalid)
            {
                error = $"{item.Path}: {invalid}";
                return false;
            }
            Lwm2mResourceType type;
            object? value;
            if (model.TryGetResource(item.Path, out var definition))
            {
                type = definition.Type;
                value = FromCborAs(type, item.Value);
                if (value is null)
                {
                    error = $"{item.Path} ({definition.Name}) needs {Describe(type)}";
                    return false;
                }
            }
            else if (Infer(item.Value) is { } inferred)
            {
                (type, value) = inferred;
            }
            else
            {
                error = $"{item.Path}: null is the value of an executable resource only";
                return false;
            }
            list.Add(new Lwm2mResourceValue(item.Path, type, value));
        }
        return true;
    }

    /// <summary>The LwM2M CBOR items of values (an object link as its <c>"oid:iid"</c> text).</summary>
    public static IReadOnlyList<Lwm2mCborItem> ToCbor(IEnumerable<Lwm2mResourceValue> values) =>
        [.. (values ?? throw new ArgumentNullException(nameof(values))).Select(value => new Lwm2mCborItem(value.Path, value.Value))];

    /// <summary>SenML records for values: one base name per object instance (or multiple resource), short names after it.</summary>
    public static IReadOnlyList<SenmlRecord> ToSenml(IEnumerable<Lwm2mResourceValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var records = new List<SenmlRecord>();
        string? currentBase = null;
        foreach (var value in values)
        {
            var parent = value.Path.Parent.ToString() + "/";
            var name = value.Path.IsResourceInstance ? value.Path.ResourceInstanceId!.Value : value.Path.ResourceId!.Value;
            var record = new SenmlRecord
            {
                BaseName = parent == currentBase ? null : parent,
                Name = name.ToString(CultureInfo.InvariantCulture),
            };
            currentBase = parent;
            records.Add(WithValue(record, value.Type, value.Value));
        }
        return records;
    }

    /// <summary>Reads a JSON value given to the REST API for the resource at <paramref name="path"/>.</summary>
    public static bool TryFromJson(Lwm2mPath path, JsonElement json, Lwm2mDeviceModel model, out Lwm2mResourceValue value, out string error)
    {
        ArgumentNullException.ThrowIfNull(model);
        value = null!;
        error = string.Empty;
        if (model.TryGetResource(path, out var definition))
        {
            var typed = FromJsonAs(definition.Type, json);
            if (typed is null)
            {
                error = $"{path} ({definition.Name}) needs {Describe(definition.Type)}; got {json.GetRawText()}";
                return false;
            }
            value = new Lwm2mResourceValue(path, definition.Type, typed);
            return true;
        }
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                value = new Lwm2mResourceValue(path, Lwm2mResourceType.String, json.GetString()!);
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                value = new Lwm2mResourceValue(path, Lwm2mResourceType.Boolean, json.GetBoolean());
                return true;
            case JsonValueKind.Number when json.TryGetInt64(out var integer):
                value = new Lwm2mResourceValue(path, Lwm2mResourceType.Integer, integer);
                return true;
            case JsonValueKind.Number when json.TryGetDouble(out var number) && double.IsFinite(number):
                value = new Lwm2mResourceValue(path, Lwm2mResourceType.Float, number);
                return true;
            case JsonValueKind.Number:
                error = $"{path}: {json.GetRawText()} is beyond the range of a number";
                return false;
            default:
                error = $"{path} needs a string, number or boolean; got {json.GetRawText()}";
                return false;
        }
    }

    /// <summary>
    /// Reads the REST form of an object instance, <c>{"resourceId": value, "multipleResourceId": {"instance": value}}</c>.
    /// </summary>
    public static bool TryFromJsonInstance(Lwm2mPath instance, JsonElement json, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        ArgumentNullException.ThrowIfNull(model);
        var list = new List<Lwm2mResourceValue>();
        values = list;
        error = string.Empty;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = $"{instance} needs an object of resources, e.g. {{\"5750\":\"room\"}}";
            return false;
        }
        foreach (var resource in json.EnumerateObject())
        {
            if (!ushort.TryParse(resource.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var resourceId) || resourceId > Lwm2mPath.MaxId)
            {
                error = $"'{resource.Name}' is not a resource id";
                return false;
            }
            var path = instance.Append(resourceId);
            if (model.Validate(path) is { } invalid)
            {
                error = $"{path}: {invalid}";
                return false;
            }
            if (resource.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var item in resource.Value.EnumerateObject())
                {
                    if (!ushort.TryParse(item.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var instanceId) || instanceId > Lwm2mPath.MaxId)
                    {
                        error = $"'{item.Name}' is not a resource instance id";
                        return false;
                    }
                    if (!TryFromJson(path.Append(instanceId), item.Value, model, out var itemValue, out error))
                    {
                        return false;
                    }
                    list.Add(itemValue);
                }
                continue;
            }
            if (!TryFromJson(path, resource.Value, model, out var value, out error))
            {
                return false;
            }
            list.Add(value);
        }
        return true;
    }

    /// <summary>Writes a value as plain JSON: numbers, strings, booleans, base64 for Opaque, "3:0" for ObjectLink.</summary>
    public static void WriteJson(Utf8JsonWriter writer, Lwm2mResourceValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Value)
        {
            case long l: writer.WriteNumberValue(l); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case double d: writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            default: writer.WriteStringValue(value.Value.ToString()); break;
        }
    }

    /// <summary>The LwM2M text format of a value (Core §7.3.1): Boolean as 1/0, Time as seconds, Opaque as base64.</summary>
    public static string ToText(Lwm2mResourceValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Value switch
        {
            bool b => b ? "1" : "0",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            byte[] bytes => Convert.ToBase64String(bytes),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.Value.ToString() ?? string.Empty,
        };
    }

    /// <summary>Reads the text format for a typed resource.</summary>
    public static object? FromText(Lwm2mResourceType type, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return type switch
        {
            Lwm2mResourceType.Integer or Lwm2mResourceType.Time => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            Lwm2mResourceType.UnsignedInteger => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : null,
            Lwm2mResourceType.Float => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            Lwm2mResourceType.Boolean => text switch { "1" => true, "0" => false, _ => null },
            Lwm2mResourceType.Opaque => TryBase64(text),
            _ => text,
        };
    }

    static object? FromSenmlAs(Lwm2mResourceType type, SenmlRecord record) => type switch
    {
        Lwm2mResourceType.String or Lwm2mResourceType.CoreLink => record.StringValue,
        Lwm2mResourceType.Integer or Lwm2mResourceType.Time => record.Value is { } v && v == Math.Floor(v) && v >= long.MinValue && v <= long.MaxValue ? (long)v : null,
        Lwm2mResourceType.UnsignedInteger => record.Value is { } u && u == Math.Floor(u) && u >= 0 && u <= ulong.MaxValue ? (ulong)u : null,
        Lwm2mResourceType.Float => record.Value,
        Lwm2mResourceType.Boolean => record.BooleanValue,
        Lwm2mResourceType.Opaque => record.DataValue is { } data ? TryBase64Url(data) : null,
        Lwm2mResourceType.ObjectLink => record.ObjectLinkValue,
        _ => null,
    };

    static object? FromCborAs(Lwm2mResourceType type, object? value) => (type, value) switch
    {
        (Lwm2mResourceType.String or Lwm2mResourceType.CoreLink, string text) => text,
        // Some clients end an object link with a NUL (Core App. C, as seen from Zephyr's plain CBOR encoder).
        (Lwm2mResourceType.ObjectLink, string link) => link.TrimEnd('\0'),
        (Lwm2mResourceType.Integer or Lwm2mResourceType.Time, long l) => l,
        (Lwm2mResourceType.Integer or Lwm2mResourceType.Time, double d) when d == Math.Floor(d) && d >= long.MinValue && d < 9.2233720368547758E18 => (long)d,
        (Lwm2mResourceType.UnsignedInteger, long l) when l >= 0 => (ulong)l,
        (Lwm2mResourceType.UnsignedInteger, ulong u) => u,
        (Lwm2mResourceType.Float, double d) when double.IsFinite(d) => d,
        (Lwm2mResourceType.Float, long l) => (double)l,
        (Lwm2mResourceType.Float, ulong u) => (double)u,
        (Lwm2mResourceType.Boolean, bool b) => b,
        (Lwm2mResourceType.Opaque, byte[] bytes) => bytes,
        _ => null,
    };

    static (Lwm2mResourceType, object)? Infer(object? value) => value switch
    {
        long l => (Lwm2mResourceType.Integer, l),
        ulong u => (Lwm2mResourceType.UnsignedInteger, u),
        double d => (Lwm2mResourceType.Float, d),
        bool b => (Lwm2mResourceType.Boolean, b),
        string text => (Lwm2mResourceType.String, text),
        byte[] bytes => (Lwm2mResourceType.Opaque, bytes),
        _ => null,
    };

    static object? FromJsonAs(Lwm2mResourceType type, JsonElement json) => type switch
    {
        Lwm2mResourceType.String or Lwm2mResourceType.CoreLink or Lwm2mResourceType.ObjectLink => json.ValueKind == JsonValueKind.String ? json.GetString() : null,
        Lwm2mResourceType.Integer or Lwm2mResourceType.Time => json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var l) ? l : null,
        Lwm2mResourceType.UnsignedInteger => json.ValueKind == JsonValueKind.Number && json.TryGetUInt64(out var u) ? u : null,
        Lwm2mResourceType.Float => json.ValueKind == JsonValueKind.Number && json.TryGetDouble(out var d) && double.IsFinite(d) ? d : null,
        Lwm2mResourceType.Boolean => json.ValueKind is JsonValueKind.True or JsonValueKind.False ? json.GetBoolean() : null,
        Lwm2mResourceType.Opaque => json.ValueKind == JsonValueKind.String ? TryBase64(json.GetString()!) : null,
        _ => null,
    };

    static (Lwm2mResourceType, object) Infer(SenmlRecord record)
    {
        if (record.Value is { } v)
        {
            return v == Math.Floor(v) && Math.Abs(v) < 9e15 ? (Lwm2mResourceType.Integer, (long)v) : (Lwm2mResourceType.Float, v);
        }
        if (record.BooleanValue is { } b)
        {
            return (Lwm2mResourceType.Boolean, b);
        }
        if (record.DataValue is { } data && TryBase64Url(data) is { } bytes)
        {
            return (Lwm2mResourceType.Opaque, bytes);
        }
        if (record.ObjectLinkValue is { } link)
        {
            return (Lwm2mResourceType.ObjectLink, link);
        }
        return (Lwm2mResourceType.String, record.StringValue ?? string.Empty);
    }

    static SenmlRecord WithValue(SenmlRecord record, Lwm2mResourceType type, object value) => value switch
    {
        long l => record with { Value = l },
        ulong u => record with { Value = u },
        double d => record with { Value = d },
        bool b => record with { BooleanValue = b },
        byte[] bytes => record with { DataValue = Base64Url.EncodeToString(bytes) },
        string s when type == Lwm2mResourceType.ObjectLink => record with { ObjectLinkValue = s },
        _ => record with { StringValue = value.ToString() },
    };

    static byte[]? TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    static byte[]? TryBase64Url(string text) => Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text) : TryBase64(text);

    static string Describe(Lwm2mResourceType type) => type switch
    {
        Lwm2mResourceType.Integer => "an integer",
        Lwm2mResourceType.UnsignedInteger => "an unsigned integer",
        Lwm2mResourceType.Float => "a number",
        Lwm2mResourceType.Boolean => "a boolean",
        Lwm2mResourceType.Time => "a time in whole seconds",
        Lwm2mResourceType.Opaque => "base64 bytes",
        Lwm2mResourceType.ObjectLink => "an object link \"objectId:instanceId\"",
        Lwm2mResourceType.None => "nothing (it is executable)",
        _ => "a string",
    };
}
