using System.Buffers;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// Without an OMA topic prefix the two dialects share <c>lwm2m/…</c>: the binding's <c>lwm2m/rd/{ep}</c> is also the
/// JSON contract's topic of a device named <c>rd</c> (<c>lwm2m/rd/reg</c> is an OMA endpoint <c>reg</c>, or a JSON
/// Register of <c>rd</c>). The rule: the payload decides whose message it is (a CBOR map is the binding's envelope,
/// anything else the contract's JSON), and the names that make the overlap are refused at Register in the dialect
/// that would collide: <c>rd</c> and <c>bs</c> for JSON devices; <c>reg</c>, <c>update</c>, <c>dereg</c>,
/// <c>send</c>, <c>resp</c> and <c>notify</c> for OMA devices. With a prefix nothing overlaps and no name is reserved.
/// </summary>
public static class DialectTopicOverlap
{
    public static readonly IReadOnlyList<string> ReservedForJson = ["rd", "bs"];

    public static readonly IReadOnlyList<string> ReservedForOma = ["reg", "update", "dereg", "send", "resp", "notify"];

    /// <summary>Why <paramref name="endpoint"/> may not register in <paramref name="dialect"/>; null when it may.</summary>
    public static Lwm2mParseError Check(Lwm2mDialect dialect, string endpoint, string? omaPrefix)
    {
        if (!string.IsNullOrEmpty(omaPrefix))
        {
            return Lwm2mParseError.None;
        }
        var reserved = dialect == Lwm2mDialect.Json ? ReservedForJson : ReservedForOma;
        if (!reserved.Contains(endpoint))
        {
            return Lwm2mParseError.None;
        }
        var other = dialect == Lwm2mDialect.Json ? "OMA binding's lwm2m/rd/{ep} and lwm2m/bs/{ep}" : "JSON contract's lwm2m/{ep}/" + endpoint;
        return new(Lwm2mMessageError.ReservedEndpoint,
            $"the endpoint name '{endpoint}' is reserved: its topics would be the {other} topics of another device; choose another name, or give the OMA binding a topic prefix (Lwm2mServer:OmaPrefix, LWM2M_OMA_PREFIX) so the two dialects no longer overlap");
    }

    /// <summary>Whether a payload on a topic both dialects could mean is the binding's CBOR map (major type 5).</summary>
    public static bool IsOmaEnvelope(ReadOnlySequence<byte> payload) => !payload.IsEmpty && payload.FirstSpan[0] is >= 0xa0 and <= 0xbf;
}
