using System.Text.Json;

namespace LwM2MSparkplug.Protocols.Senml;

/// <summary>SenML JSON (RFC 8428 §5): read and write record arrays; resolve base names. Knows nothing of LwM2M.</summary>
public static class SenmlJsonCodec
{
    public static bool TryRead(JsonElement json, out IReadOnlyList<SenmlRecord> records, out string error)
    {
        var list = new List<SenmlRecord>();
        records = list;
        error = string.Empty;
        if (json.ValueKind != JsonValueKind.Array)
        {
            error = "SenML JSON is an array of records";
            return false;
        }
        var index = 0;
        foreach (var item in json.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = $"record {index} is not an object";
                return false;
            }
            var record = new SenmlRecord();
            foreach (var field in item.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "bn" when field.Value.ValueKind == JsonValueKind.String: record = record with { BaseName = field.Value.GetString() }; break;
                    case "n" when field.Value.ValueKind == JsonValueKind.String: record = record with { Name = field.Value.GetString() }; break;
                    case "bt" when TryGetFinite(field.Value, out var baseTime): record = record with { BaseTime = baseTime }; break;
                    case "t" when TryGetFinite(field.Value, out var time): record = record with { Time = time }; break;
                    case "v" when TryGetFinite(field.Value, out var value): record = record with { Value = value }; break;
                    case "vs" when field.Value.ValueKind == JsonValueKind.String: record = record with { StringValue = field.Value.GetString() }; break;
                    case "vb" when field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False: record = record with { BooleanValue = field.Value.GetBoolean() }; break;
                    case "vd" when field.Value.ValueKind == JsonValueKind.String: record = record with { DataValue = field.Value.GetString() }; break;
                    case "vlo" when field.Value.ValueKind == JsonValueKind.String: record = record with { ObjectLinkValue = field.Value.GetString() }; break;
                    case "bn" or "n" or "bt" or "t" or "v" or "vs" or "vb" or "vd" or "vlo":
                        error = $"record {index}: '{field.Name}' has the wrong JSON type or is a number beyond the range of a double";
                        return false;
                    default:
                        // RFC 8428 §4.4: unknown fields not ending in '_' may be ignored.
                        if (field.Name.EndsWith('_'))
                        {
                            error = $"record {index}: mandatory-to-understand field '{field.Name}' is not supported";
                            return false;
                        }
                        break;
                }
            }
            list.Add(record);
            index++;
        }
        return true;
    }

    // JSON numbers have no range; one beyond a double's reads as an error rather than an exception or infinity.
    static bool TryGetFinite(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>Applies base names and base times: each record's full name and absolute time.</summary>
    public static IReadOnlyList<SenmlResolvedRecord> Resolve(IEnumerable<SenmlRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var resolved = new List<SenmlResolvedRecord>();
        string baseName = string.Empty;
        double? baseTime = null;
        foreach (var record in records)
        {
            baseName = record.BaseName ?? baseName;
            baseTime = record.BaseTime ?? baseTime;
            var time = record.Time is { } t ? t + (baseTime ?? 0) : baseTime;
            resolved.Add(new SenmlResolvedRecord(baseName + (record.Name ?? string.Empty), record, time));
        }
        return resolved;
    }

    public static void Write(Utf8JsonWriter writer, IEnumerable<SenmlRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        writer.WriteStartArray();
        foreach (var record in records)
        {
            writer.WriteStartObject();
            if (record.BaseName is not null)
            {
                writer.WriteString("bn", record.BaseName);
            }
            if (record.BaseTime is { } bt)
            {
                writer.WriteNumber("bt", bt);
            }
            if (record.Name is not null)
            {
                writer.WriteString("n", record.Name);
            }
            if (record.Time is { } t)
            {
                writer.WriteNumber("t", t);
            }
            if (record.Value is { } v)
            {
                writer.WriteNumber("v", v);
            }
            if (record.StringValue is not null)
            {
                writer.WriteString("vs", record.StringValue);
            }
            if (record.BooleanValue is { } vb)
            {
                writer.WriteBoolean("vb", vb);
            }
            if (record.DataValue is not null)
            {
                writer.WriteString("vd", record.DataValue);
            }
            if (record.ObjectLinkValue is not null)
            {
                writer.WriteString("vlo", record.ObjectLinkValue);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
