using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Links;

/// <summary>One entry of a CoRE link-format list (RFC 6690), e.g. <c>&lt;/3/0&gt;;ver=1.2</c>.</summary>
/// <remarks>Attribute values keep their quotes removed; a valueless attribute maps to null.</remarks>
public sealed record Lwm2mLink(Lwm2mPath Path, IReadOnlyDictionary<string, string?> Attributes)
{
    public override string ToString() =>
        $"<{Path}>" + string.Concat(Attributes.Select(a => a.Value is null ? $";{a.Key}" : $";{a.Key}={a.Value}"));
}
