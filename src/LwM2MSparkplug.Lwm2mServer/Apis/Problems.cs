using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
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

    /// <summary>A 405 for an operation the object model does not allow on a resource, e.g. Write on a read-only one.</summary>
    public static ProblemHttpResult OperationNotAllowed(Lwm2mPath path, Lwm2mResourceDefinition resource, Lwm2mOperations operation) =>
        TypedResults.Problem(
            $"{path} ({resource.Name}) does not allow {operation}; its operations are {(resource.Operations == Lwm2mOperations.None ? "none" : Lwm2mRegistryTerms.FormatOperations(resource.Operations))}.",
            statusCode: StatusCodes.Status405MethodNotAllowed,
            title: "Operation not allowed");

    public static ProblemHttpResult BadGateway(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status502BadGateway, title: "Bad device answer");
}
