using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// The REST API's safety net for input its handlers never see: a body, route or query value the framework could not
/// bind (malformed JSON, a wrong JSON type, a number out of range, no body) is the client's
/// error, so it is answered as a problem saying what is wrong instead of a 500. A body that is not JSON at all is
/// answered 415 by the framework without an exception; <see cref="DescribeUnsupportedMediaType"/> says what to send.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } bad => (bad.StatusCode, Describe(json)),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            JsonException json => (StatusCodes.Status400BadRequest, Describe(json)),
            _ => (0, null),
        };
        if (detail is null)
        {
            return false;
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = "Bad request", Detail = detail },
        });
    }

    /// <summary>Gives the framework's detail-less 415 problem a detail.</summary>
    public static void DescribeUnsupportedMediaType(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
        {
            context.ProblemDetails.Detail ??= $"Send the body as JSON, with Content-Type: application/json; got '{context.HttpContext.Request.ContentType}'.";
        }
    }

    // System.Text.Json's message names the JSON path of the field ("Path: $.instance_id").
    static string Describe(JsonException json) => $"The body is not valid JSON for this operation: {json.Message}";
}
