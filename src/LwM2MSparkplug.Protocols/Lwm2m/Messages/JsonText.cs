using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>
/// Finds JSON strings that are not Unicode text: bytes that are not UTF-8, or an escaped unpaired surrogate such as
/// <c>"\uD800"</c>. The JSON parser accepts both and reading such a string later throws, so input is checked once,
/// where it enters, and rejected with the field's name.
/// </summary>
public static class JsonText
{
    /// <summary>
    /// Null when every string and property name in <paramref name="element"/> is text; else a sentence naming the
    /// first one that is not, as a path below <paramref name="field"/> (e.g. <c>'payload[0].vs'</c>).
    /// </summary>
    /// <param name="element">The parsed JSON value to check.</param>
    /// <param name="field">The name of <paramref name="element"/> in its message; empty for the message itself.</param>
    public static string? FindInvalid(JsonElement element, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (Find(element) is not { } invalid)
        {
            return null;
        }
        var path = field + invalid.Path;
        if (path.StartsWith('.'))
        {
            path = path[1..];
        }
        var where = invalid.InPropertyName
            ? path.Length == 0 ? "a property name" : $"a property name in '{path}'"
            : $"'{path}'";
        return $"{where} is not UTF-8 text (it holds bytes that are not UTF-8 or an unpaired surrogate escape).";
    }

    static InvalidText? Find(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(JsonMarshal.GetRawUtf8Value(element)) ? null : new InvalidText(string.Empty, false);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsText(JsonMarshal.GetRawUtf8PropertyName(property)))
                    {
                        return new InvalidText(string.Empty, true);
                    }
                    if (Find(property.Value) is { } inner)
                    {
                        return inner with { Path = "." + property.Name + inner.Path };
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item) is { } inner)
                    {
                        return inner with { Path = $"[{index}]{inner.Path}" };
                    }
                    index++;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Raw JSON string bytes: valid UTF-8, and every <c>\u</c> escape of a surrogate paired (RFC 8259 §8.2).</summary>
    static bool IsText(ReadOnlySpan<byte> raw)
    {
        if (!Utf8.IsValid(raw))
        {
            return false;
        }
        // The parser has checked the escapes' syntax: a backslash starts a whole escape, \u has four hex digits.
        var i = raw.IndexOf((byte)'\\');
        if (i < 0)
        {
            return true;
        }
        var awaitingLow = false;
        while (i < raw.Length)
        {
            var isEscape = raw[i] == '\\';
            var unit = isEscape && raw[i + 1] == 'u' ? HexValue(raw.Slice(i + 2, 4)) : -1;
            if (awaitingLow != (unit is >= 0xDC00 and <= 0xDFFF))
            {
                return false;
            }
            awaitingLow = unit is >= 0xD800 and <= 0xDBFF;
            i += unit >= 0 ? 6 : isEscape ? 2 : 1;
        }
        return !awaitingLow;
    }

    static int HexValue(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var digit in hex)
        {
            value = (value << 4) | (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10);
        }
        return value;
    }

    readonly record struct InvalidText(string Path, bool InPropertyName);
}
