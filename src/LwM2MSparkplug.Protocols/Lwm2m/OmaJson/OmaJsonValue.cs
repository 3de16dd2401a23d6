using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.Protocols.Lwm2m.OmaJson;

/// <summary>
/// The value of one LwM2M 1.0 JSON entry (Core 1.0 §6.4.4): <c>v</c> a number (Integer, Unsigned Integer, Float,
/// Time in seconds), <c>bv</c> a boolean, <c>ov</c> an object link <c>"oid:iid"</c>, <c>sv</c> a string (String,
/// Corelnk, and Opaque as base64).
/// </summary>
static class OmaJsonValue
{
    /// <summary>The entry's value fields, in the order they are looked for.</summary>
    public static readonly string[] Fields = ["v", "sv", "bv", "ov"];

    /// <summary>
    /// Reads the value in <paramref name="field"/> as <paramref name="type"/>. Tolerated: a whole number written with
    /// a fraction or exponent (<c>42.0</c>) for an integer type, and base64url or unpadded base64 for Opaque.
    /// </summary>
    public static object? ReadAs(Lwm2mResourceType type, string field, JsonElement value) => (type, field, value.ValueKind) switch
    {
        (Lwm2mResourceType.Integer or Lwm2mResourceType.Time, "v", JsonValueKind.Number) =>
            value.TryGetInt64(out var l) ? l : WholeNumber(value) is { } d && d >= long.MinValue && d < 9.2233720368547758E18 ? (long)d : null,
        (Lwm2mResourceType.UnsignedInteger, "v", JsonValueKind.Number) =>
            value.TryGetUInt64(out var u) ? u : WholeNumber(value) is { } d && d >= 0 && d < 1.8446744073709552E19 ? (ulong)d : null,
        (Lwm2mResourceType.Float, "v", JsonValueKind.Number) => value.TryGetDouble(out var d) && double.IsFinite(d) ? d : null,
        (Lwm2mResourceType.Boolean, "bv", JsonValueKind.True or JsonValueKind.False) => value.GetBoolean(),
        (Lwm2mResourceType.String or Lwm2mResourceType.CoreLink, "sv", JsonValueKind.String) => value.GetString(),
        (Lwm2mResourceType.Opaque, "sv", JsonValueKind.String) => TryBase64(value.GetString()!),
        (Lwm2mResourceType.ObjectLink, "ov", JsonValueKind.String) when IsObjectLink(value.GetString()!) => value.GetString(),
        _ => null,
    };

    /// <summary>The type a value's field and JSON kind show, for a resource the model does not know.</summary>
    public static (Lwm2mResourceType Type, object Value)? Infer(string field, JsonElement value) => (field, value.ValueKind) switch
    {
        ("v", JsonValueKind.Number) when value.TryGetInt64(out var l) => (Lwm2mResourceType.Integer, l),
        ("v", JsonValueKind.Number) when value.TryGetUInt64(out var u) => (Lwm2mResourceType.UnsignedInteger, u),
        ("v", JsonValueKind.Number) when value.TryGetDouble(out var d) && double.IsFinite(d) => (Lwm2mResourceType.Float, d),
        ("sv", JsonValueKind.String) => (Lwm2mResourceType.String, value.GetString()!),
        ("bv", JsonValueKind.True or JsonValueKind.False) => (Lwm2mResourceType.Boolean, value.GetBoolean()),
        ("ov", JsonValueKind.String) when IsObjectLink(value.GetString()!) => (Lwm2mResourceType.ObjectLink, value.GetString()!),
        _ => null,
    };

    /// <summary>Writes the value's field and value into the entry object being written.</summary>
    public static void Write(Utf8JsonWriter writer, Lwm2mResourceValue value)
    {
        switch (value.Value)
        {
            case long l: writer.WriteNumber("v", l); break;
            case ulong u: writer.WriteNumber("v", u); break;
            case double d: writer.WriteNumber("v", d); break;
            case bool b: writer.WriteBoolean("bv", b); break;
            case byte[] bytes: writer.WriteBase64String("sv", bytes); break;
            case string link when value.Type == Lwm2mResourceType.ObjectLink: writer.WriteString("ov", link); break;
            case string text: writer.WriteString("sv", text); break;
            default: throw new ArgumentException($"{value.Path}: {value.Value.GetType().Name} is not a value LwM2M JSON carries.", nameof(value));
        }
    }

    public static string Describe(Lwm2mResourceType type) => type switch
    {
        Lwm2mResourceType.Integer => "a whole number in \"v\"",
        Lwm2mResourceType.Time => "whole seconds in \"v\"",
        Lwm2mResourceType.UnsignedInteger => "a whole number of 0 or more in \"v\"",
        Lwm2mResourceType.Float => "a finite number in \"v\"",
        Lwm2mResourceType.Boolean => "a boolean in \"bv\"",
        Lwm2mResourceType.Opaque => "base64 text in \"sv\"",
        Lwm2mResourceType.ObjectLink => "an object link \"objectId:instanceId\" in \"ov\"",
        Lwm2mResourceType.None => "no value (it is executable)",
        _ => "a string in \"sv\"",
    };

    static double? WholeNumber(JsonElement value) =>
        value.TryGetDouble(out var d) && double.IsFinite(d) && d == Math.Floor(d) ? d : null;

    static bool IsObjectLink(string text) =>
        text.Split(':') is [var objectId, var instanceId]
        && ushort.TryParse(objectId, NumberStyles.None, CultureInfo.InvariantCulture, out _)
        && ushort.TryParse(instanceId, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    static byte[]? TryBase64(string text)
    {
        if (Base64Url.IsValid(text))
        {
            return Base64Url.DecodeFromChars(text);
        }
        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
