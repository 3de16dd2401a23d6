using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// The <c>?format=</c> of a REST operation, as in Leshan's REST API: for Read and Observe the format asked of the
/// device, for Write the one the values are sent in. Any content format's name (<c>senml+json</c> or <c>senml</c>,
/// <c>senml+cbor</c>, <c>lwm2m+cbor</c>, <c>cbor</c>, <c>text</c>, <c>opaque</c>, <c>tlv</c>, <c>lwm2m+json</c>); the
/// legacy <c>tlv</c> and <c>lwm2m+json</c> only for JSON-contract devices that registered as LwM2M 1.0.
/// </summary>
public static class ContentFormatQuery
{
    /// <summary>The format named, null for the default; a problem when it names none this server speaks, or one the device may not be offered.</summary>
    public static ProblemHttpResult? TryParse(string? format, Registration? registration, out Lwm2mContentFormat? parsed)
    {
        parsed = null;
        if (format is null)
        {
            return null;
        }
        // A '+' typed into a query string arrives as a space (?format=senml+cbor); take it as the '+' it was meant to be.
        var name = format == "senml" ? "senml+json" : format.Replace(" ", "+", StringComparison.Ordinal);
        if (!Lwm2mContentFormatNames.TryParse(name, out var named) || named == Lwm2mContentFormat.Link)
        {
            return Problems.BadRequest($"'format' {format} is not a content format of values: use senml (senml+json), senml+cbor, lwm2m+cbor, cbor, text, opaque, tlv or lwm2m+json.");
        }
        if (named.IsLegacy() && registration is not null && registration is not { Dialect: Lwm2mDialect.Json, Version: "1.0" })
        {
            return Problems.BadRequest($"'format' {format} is a format of LwM2M 1.0 devices: it is offered only to JSON-contract devices that registered as 1.0, and '{registration.Endpoint}' registered as LwM2M {registration.Version} in the {registration.Dialect.ToWire()} dialect; use senml+json, senml+cbor or lwm2m+cbor.");
        }
        parsed = named;
        return null;
    }

    /// <summary>The format values are sent in when the REST caller names none: SenML JSON in the JSON contract, SenML CBOR over the OMA binding.</summary>
    public static Lwm2mContentFormat DefaultFor(Registration? registration) =>
        registration?.Dialect == Lwm2mDialect.Oma ? Lwm2mContentFormat.SenmlCbor : Lwm2mContentFormat.SenmlJson;

    /// <summary>Why <paramref name="values"/> cannot travel as <paramref name="format"/>; null when they can.</summary>
    public static ProblemHttpResult? CannotCarry(Lwm2mContentFormat? format, IReadOnlyList<Lwm2mResourceValue> values) => format switch
    {
        Lwm2mContentFormat.Text or Lwm2mContentFormat.Cbor when values.Count != 1 => Problems.BadRequest($"'format' {format.Value.ToWire()} carries one resource value; write an instance's resources as senml."),
        Lwm2mContentFormat.Opaque when values is not [{ Type: Protocols.Lwm2m.Model.Lwm2mResourceType.Opaque }] => Problems.BadRequest("'format' opaque carries one Opaque resource value."),
        _ => null,
    };
}
