using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Links;

/// <summary>One entry of a CoRE link-format list (RFC 6690), e.g. <c>&lt;/3/0&gt;;ver=1.2</c>.</summary>
/// <remarks>
/// Attribute values keep their quotes removed; a valueless attribute maps to null. Written back, a value that is not
/// a plain token (a list such as <c>ct="112 11544"</c>) is quoted again.
/// </remarks>
public sealed record Lwm2mLink(Lwm2mPath Path, IReadOnlyDictionary<string, string?> Attributes)
{
    public override string ToString() =>
        $"<{Path}>" + string.Concat(Attributes.Select(a => a.Value is null ? $";{a.Key}" : $";{a.Key}={Quoted(a.Value)}"));

    static string Quoted(string value) => value.AsSpan().IndexOfAny(" ,;") >= 0 ? $"\"{value}\"" : value;
}
