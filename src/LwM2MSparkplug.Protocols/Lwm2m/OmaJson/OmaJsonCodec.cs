using System.Buffers;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.OmaJson;

/// <summary>
/// LwM2M 1.0 JSON (content format 11543, <c>application/vnd.oma.lwm2m+json</c>, Core 1.0 §6.4.4):
/// <c>{"bn":"/3/0/","bt":…,"e":[{"n":"0","sv":"Open"},{"n":"6/0","v":1,"t":-5}]}</c>. An entry's path is the base
/// name joined to its name, its time the base time plus its <c>t</c>; the object model types its value. Reading
/// tolerates a base name without its trailing slash, no base name (the request's path is the base), members it does
/// not know, and the same path more than once (a notification's history). It refuses content that is not one JSON
/// object, a missing <c>e</c> array, an entry with no value or two, a member of the wrong JSON kind, a name that is
/// not a resource path or lies outside the request's path, and a value that does not fit its resource.
/// </summary>
public static class OmaJsonCodec
{
    static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <param name="target">The request's path: the base of names when there is no <c>bn</c>, and the bound of every entry's path. Null: no bound.</param>
    /// <param name="content">The JSON bytes.</param>
    /// <param name="model">Types each value by its resource.</param>
    /// <param name="values">The values in entry order.</param>
    /// <param name="error">What is wrong, naming the entry.</param>
    public static bool TryRead(Lwm2mPath? target, ReadOnlyMemory<byte> content, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        ArgumentNullException.ThrowIfNull(model);
        values = [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, Strict);
        }
        catch (JsonException exception)
        {
            error = $"{Lwm2mContentFormat.OmaJson.ToWire()} content is not JSON: {exception.Message}";
            return false;
        }
        using (document)
        {
            return TryRead(target, document.RootElement, model, out values, out error);
        }
    }

    static bool TryRead(Lwm2mPath? target, JsonElement root, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        var list = new List<Lwm2mResourceValue>();
        values = list;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"{Lwm2mContentFormat.OmaJson.ToWire()} content is a JSON object, {{\"bn\":…,\"e\":[…]}}";
            return false;
        }
        string? baseName = target is { IsRoot: false } path ? path.ToString() : null;
        if (root.TryGetProperty("bn", out var bn))
        {
            if (bn.ValueKind != JsonValueKind.String)
            {
                error = "\"bn\" is not a string";
                return false;
            }
            baseName = bn.GetString();
        }
        double? baseTime = null;
        if (root.TryGetProperty("bt", out var bt))
        {
            if (bt.ValueKind != JsonValueKind.Number)
            {
                error = "\"bt\" is not a number";
                return false;
            }
            baseTime = bt.GetDouble();
        }
        if (!root.TryGetProperty("e", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            error = "no \"e\" array of entries";
            return false;
        }
        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            if (!TryReadEntry(entry, baseName, baseTime, target, model, out var value, out error))
            {
                error = $"entry {index}: {error}";
                return false;
            }
            list.Add(value);
            index++;
        }
        error = string.Empty;
        return true;
    }

    static bool TryReadEntry(JsonElement entry, string? baseName, double? baseTime, Lwm2mPath? target, Lwm2mDeviceModel model, out Lwm2mResourceValue value, out string error)
    {
        value = null!;
        if (entry.ValueKind != JsonValueKind.Object)
        {
            error = "not a JSON object";
            return false;
        }
        string? name = null;
        if (entry.TryGetProperty("n", out var n))
        {
            if (n.ValueKind != JsonValueKind.String)
            {
                error = "\"n\" is not a string";
                return false;
            }
            name = n.GetString();
        }
        double? time = null;
        if (entry.TryGetProperty("t", out var t))
        {
            if (t.ValueKind != JsonValueKind.Number)
            {
                error = "\"t\" is not a number";
                return false;
            }
            time = t.GetDouble();
        }
        var fullName = Join(baseName, name);
        if (!Lwm2mPath.TryParse(fullName, out var path) || path.Depth < 3)
        {
            error = $"'{fullName}' is not a resource or resource-instance path";
            return false;
        }
        if (target is { } bound && !bound.Contains(path))
        {
            error = $"{path} lies outside the request's {bound}";
            return false;
        }
        if (model.Validate(path) is { } invalid)
        {
            error = $"{path}: {invalid}";
            return false;
        }
        var fields = OmaJsonValue.Fields.Where(field => entry.TryGetProperty(field, out _)).ToList();
        if (fields is not [var field])
        {
            error = fields.Count == 0 ? $"{path} has no value (v, sv, bv or ov)" : $"{path} has more than one value ({string.Join(", ", fields)})";
            return false;
        }
        var json = entry.GetProperty(field);
        Lwm2mResourceType type;
        object? typed;
        if (model.TryGetResource(path, out var definition))
        {
            type = definition.Type;
            typed = OmaJsonValue.ReadAs(type, field, json);
            if (typed is null)
            {
                error = $"{path} ({definition.Name}) needs {OmaJsonValue.Describe(type)}; got \"{field}\": {json.GetRawText()}";
                return false;
            }
        }
        else if (OmaJsonValue.Infer(field, json) is { } inferred)
        {
            (type, typed) = inferred;
        }
        else
        {
            error = $"{path}: \"{field}\": {json.GetRawText()} is no LwM2M value";
            return false;
        }
        value = new Lwm2mResourceValue(path, type, typed) { SenmlTime = baseTime is null && time is null ? null : (baseTime ?? 0) + (time ?? 0) };
        error = string.Empty;
        return true;
    }

    /// <summary>The base name and name as one path; a base name without its trailing slash still ends a segment.</summary>
    static string Join(string? baseName, string? name)
    {
        baseName ??= string.Empty;
        if (string.IsNullOrEmpty(name))
        {
            return baseName;
        }
        return baseName.Length > 0 && !baseName.EndsWith('/') && !name.StartsWith('/') ? baseName + "/" + name : baseName + name;
    }

    /// <summary>
    /// Values as one JSON object: the base name is the object instance they share (else their object, else the root),
    /// each entry names its path below it; a value's <see cref="Lwm2mResourceValue.SenmlTime"/> is written as its <c>t</c>.
    /// </summary>
    public static byte[] Write(IReadOnlyList<Lwm2mResourceValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var common = Lwm2mCommonAncestor.Of(values.Select(value => value.Path));
        while (common.Depth > 2)
        {
            common = common.Parent;
        }
        var baseName = common.IsRoot ? "/" : common + "/";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("bn", baseName);
            writer.WriteStartArray("e");
            foreach (var value in values)
            {
                writer.WriteStartObject();
                writer.WriteString("n", value.Path.ToString()[baseName.Length..]);
                OmaJsonValue.Write(writer, value);
                if (value.SenmlTime is { } time)
                {
                    writer.WriteNumber("t", time);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
