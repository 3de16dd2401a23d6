using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>The REST API's RFC 9457 problem answers, in one place.</summary>
public static class Problems
{
    public static ProblemHttpResult UnknownDevice(string endpoint) =>
        TypedResults.Problem($"No LwM2M client is registered with endpoint '{endpoint}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown device");

    /// <summary>A 400 for an endpoint name no device could have (the topic rules: 1..128 characters without '+', '/' or '#'); null for a valid one.</summary>
    public static ProblemHttpResult? InvalidEndpoint(string endpoint) =>
        Lwm2mTopic.ValidateEndpoint(endpoint) == Lwm2mTopicError.None
            ? null
            : BadRequest($"'endpoint' '{endpoint}' is not an endpoint name: it must be 1..{Lwm2mTopic.MaxEndpointLength} characters without '+', '/' or '#'.");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    /// <summary>A 400 naming the string in <paramref name="body"/> that is not UTF-8 text; null when all are.</summary>
    public static ProblemHttpResult? InvalidText(JsonElement? body, string field) =>
        body is { } json && JsonText.FindInvalid(json, field) is { } invalid ? BadRequest(invalid) : null;

    public static ProblemHttpResult ObservationLimitReached(string endpoint, int maxPerDevice) =>
        TypedResults.Problem(
            $"'{endpoint}' has {maxPerDevice} observations, the most the server keeps per device (Lwm2mServer:MaxObservationsPerDevice, LWM2M_MAX_OBSERVATIONS_PER_DEVICE); cancel one, or raise that limit.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Observation limit reached");

    /// <summary>
    /// A 409 for a cursor that belongs to another run of the server, saying where this log stands
    /// (<c>log</c>, <c>first_sequence</c>, <c>last_sequence</c>) so the reader can start over.
    /// </summary>
    public static ProblemHttpResult CursorNotInLog(EventCursorError error, EventLogPosition position, string? log, long? after)
    {
        var startOver = $"Start over with ?after=0&log={position.Log} (every event kept, {position.FirstSequence} to {position.LastSequence}) or ?after={position.LastSequence}&log={position.Log} (new events only).";
        var detail = error == EventCursorError.OtherLog
            ? $"'log' {log} is not this server's event log, {position.Log}: the server restarted since that cursor was taken, and its sequence numbers began again. {startOver}"
            : $"'after' {after} is beyond the last event, {position.LastSequence}, of the event log {position.Log}: the cursor comes from an earlier run of the server, which restarted, and its sequence numbers began again. {startOver}";
        return TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status409Conflict,
            title: "Cursor from another event log",
            extensions: new Dictionary<string, object?>
            {
                ["log"] = position.Log,
                ["first_sequence"] = position.FirstSequence,
                ["last_sequence"] = position.LastSequence,
            });
    }

    /// <summary>A 405 for an operation the object model does not allow on a resource, e.g. Write on a read-only one.</summary>
    public static ProblemHttpResult OperationNotAllowed(Lwm2mPath path, Lwm2mResourceDefinition resource, Lwm2mOperations operation) =>
        TypedResults.Problem(
            $"{path} ({resource.Name}) does not allow {operation}; its operations are {(resource.Operations == Lwm2mOperations.None ? "none" : Lwm2mRegistryTerms.FormatOperations(resource.Operations))}.",
            statusCode: StatusCodes.Status405MethodNotAllowed,
            title: "Operation not allowed");

    public static ProblemHttpResult BadGateway(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status502BadGateway, title: "Bad device answer");

    /// <summary>
    /// A 426 for a plain request to a WebSocket route (RFC 9110 §15.5.22: the answer names the protocol to switch to),
    /// saying where to read the same over HTTP.
    /// </summary>
    public static Task WriteUpgradeRequiredAsync(HttpContext context, string route, string httpAlternative)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.Upgrade = "websocket";
        return TypedResults.Problem(
            $"{route} is a WebSocket: connect with a WebSocket client (e.g. websocat ws://localhost:8080{route}), or read the same over HTTP from {httpAlternative}.",
            statusCode: StatusCodes.Status426UpgradeRequired,
            title: "WebSocket upgrade required").ExecuteAsync(context);
    }
}
