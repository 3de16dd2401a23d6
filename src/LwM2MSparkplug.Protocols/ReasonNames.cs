using System.Collections.Concurrent;
using System.Text;

namespace LwM2MSparkplug.Protocols;

/// <summary>
/// Reason enums as the snake_case words used on the wire, in JSON and as metric labels:
/// <c>MalformedJson</c> → <c>malformed_json</c>.
/// </summary>
public static class ReasonNames
{
    static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Cache.GetOrAdd(value, static v => ToSnakeCase(v.ToString()));
    }

    public static string ToSnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var startsWord = i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (startsWord)
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
