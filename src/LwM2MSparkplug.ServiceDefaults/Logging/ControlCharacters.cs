using System.Buffers;
using System.Globalization;
using System.Text;

namespace LwM2MSparkplug.ServiceDefaults.Logging;

/// <summary>
/// Escapes the characters that let a value from outside (a topic, an endpoint name, a request path) forge log lines or
/// restyle a terminal: C0 and C1 controls, DEL, the Unicode line and paragraph separators and the bidirectional
/// overrides. <c>\r</c>, <c>\n</c> and <c>\t</c> read as themselves; the others as <c>\uXXXX</c>.
/// </summary>
public static class ControlCharacters
{
    static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F" +
        "\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F" +
        "\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>True when <paramref name="value"/> holds a character that <see cref="Escape"/> would change.</summary>
    public static bool Contains(string value) => value.AsSpan().ContainsAny(Escaped);

    /// <summary>The value with every such character escaped; the same instance when there is none (the usual case).</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var first = value.AsSpan().IndexOfAny(Escaped);
        if (first < 0)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length + 16).Append(value, 0, first);
        foreach (var character in value.AsSpan(first))
        {
            if (!Escaped.Contains(character))
            {
                builder.Append(character);
                continue;
            }
            _ = character switch
            {
                '\r' => builder.Append(@"\r"),
                '\n' => builder.Append(@"\n"),
                '\t' => builder.Append(@"\t"),
                _ => builder.Append(@"\u").Append(((int)character).ToString("X4", CultureInfo.InvariantCulture)),
            };
        }
        return builder.ToString();
    }
}
