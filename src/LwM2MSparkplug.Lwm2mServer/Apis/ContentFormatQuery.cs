using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// The <c>?format=</c> of a REST operation, as in Leshan's REST API: for Read and Observe the format asked of the
/// device, for Write the one the values are sent in. <c>senml</c> (or <c>senml+json</c>, the default), <c>text</c>,
/// <c>opaque</c>.
/// </summary>
public static class ContentFormatQuery
{
    /// <summary>The format named, null for the default; a problem when it names none this server speaks.</summary>
    public static ProblemHttpResult? TryParse(string? format, out Lwm2mContentFormat? parsed)
    {
        (parsed, var known) = format switch
        {
            null or "senml" or "senml+json" => ((Lwm2mContentFormat?)null, true),
            "text" => (Lwm2mContentFormat.Text, true),
            "opaque" => (Lwm2mContentFormat.Opaque, true),
            _ => (null, false),
        };
        return known ? null : Problems.BadRequest($"'format' {format} is not one of senml, text, opaque (senml+json is the default).");
    }

    /// <summary>Why <paramref name="values"/> cannot travel as <paramref name="format"/>; null when they can.</summary>
    public static ProblemHttpResult? CannotCarry(Lwm2mContentFormat? format, IReadOnlyList<Lwm2mResourceValue> values) => format switch
    {
        Lwm2mContentFormat.Text when values.Count != 1 => Problems.BadRequest("'format' text carries one resource value; write an instance's resources as senml."),
        Lwm2mContentFormat.Opaque when values is not [{ Type: Protocols.Lwm2m.Model.Lwm2mResourceType.Opaque }] => Problems.BadRequest("'format' opaque carries one Opaque resource value."),
        _ => null,
    };
}
