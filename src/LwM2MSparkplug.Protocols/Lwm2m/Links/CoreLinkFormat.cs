using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Links;

/// <summary>
/// Parses and writes the CoRE link-format object lists LwM2M uses in Register, Update and Discover
/// (RFC 6690; LwM2M 1.2 Core §6.2.1), e.g. <c>&lt;/1/0&gt;,&lt;/3/0&gt;,&lt;/3303/0&gt;</c>.
/// </summary>
public static class CoreLinkFormat
{
    public static bool TryParse(string text, out IReadOnlyList<Lwm2mLink> links, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<Lwm2mLink>();
        links = result;
        error = string.Empty;
        var position = 0;
        while (position < text.Length)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
            if (position >= text.Length || text[position] != '<')
            {
                error = $"expected '<' at offset {position}";
                return false;
            }
            var close = text.IndexOf('>', position);
            if (close < 0)
            {
                error = $"unterminated '<' at offset {position}";
                return false;
            }
            var target = text[(position + 1)..close];
            if (!Lwm2mPath.TryParse(target, out var path))
            {
                error = $"'{target}' is not an LwM2M path";
                return false;
            }
            position = close + 1;
            var attributes = new Dictionary<string, string?>(StringComparer.Ordinal);
            while (position < text.Length && text[position] == ';')
            {
                var end = FindAttributeEnd(text, position + 1);
                var attribute = text[(position + 1)..end];
                var equals = attribute.IndexOf('=', StringComparison.Ordinal);
                if (equals == 0 || attribute.Length == 0)
                {
                    error = $"empty attribute name at offset {position + 1}";
                    return false;
                }
                if (equals < 0)
                {
                    attributes[attribute] = null;
                }
                else
                {
                    attributes[attribute[..equals]] = attribute[(equals + 1)..].Trim('"');
                }
                position = end;
            }
            result.Add(new Lwm2mLink(path, attributes));
            if (position < text.Length)
            {
                if (text[position] != ',')
                {
                    error = $"expected ',' at offset {position}";
                    return false;
                }
                position++;
            }
        }
        return true;
    }

    public static string Format(IEnumerable<Lwm2mLink> links) => string.Join(",", links);

    static int FindAttributeEnd(string text, int start)
    {
        var quoted = false;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case ';' or ',' when !quoted:
                    return i;
            }
        }
        return text.Length;
    }
}
