using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// <c>?timeout=</c> on a device-management route, as in Eclipse Leshan's REST API: seconds this request waits for the
/// device (and, for a sleeping queue-mode device, for it to wake) instead of <c>RequestTimeoutSeconds</c>.
/// </summary>
public static class RequestTimeoutParameter
{
    public const string Name = "timeout";

    /// <summary>Reads the parameter: null when absent; false with a message naming it and its bound when unusable.</summary>
    public static bool TryParse(string? text, TimeSpan max, out TimeSpan? timeout, out string error)
    {
        timeout = null;
        error = string.Empty;
        if (text is null)
        {
            return true;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds <= 0)
        {
            error = $"'{Name}' must be a number of seconds greater than 0, e.g. ?{Name}=30; got '{text}'.";
            return false;
        }
        if (seconds > max.TotalSeconds)
        {
            error = $"'{Name}' {text} s is more than the server allows, {max.TotalSeconds:0.#} s (Lwm2mServer:MaxRequestTimeoutSeconds, LWM2M_MAX_REQUEST_TIMEOUT_SECONDS); wait less, or raise that limit.";
            return false;
        }
        timeout = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>An endpoint filter answering a bad <c>?timeout=</c> with 400 and keeping a good one for <see cref="Of"/>.</summary>
    public static async ValueTask<object?> Validate(EndpointFilterInvocationContext context, EndpointFilterDelegate next, TimeSpan max)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var query = context.HttpContext.Request.Query;
        if (!TryParse(query.ContainsKey(Name) ? query[Name].ToString() : null, max, out var timeout, out var error))
        {
            return Problems.BadRequest(error);
        }
        context.HttpContext.Items[typeof(RequestTimeoutParameter)] = timeout;
        return await next(context);
    }

    /// <summary>The timeout <see cref="Validate"/> kept for this request; null when none was given.</summary>
    public static TimeSpan? Of(HttpContext? context) => context?.Items[typeof(RequestTimeoutParameter)] as TimeSpan?;

    /// <summary>Declares the parameter on an operation of the OpenAPI document (an endpoint filter is invisible there).</summary>
    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Name,
            In = ParameterLocation.Query,
            Description = "Seconds to wait for the device (default LWM2M_REQUEST_TIMEOUT_SECONDS, at most LWM2M_MAX_REQUEST_TIMEOUT_SECONDS). "
                + "For a sleeping queue-mode device: wait this long for it to wake and answer, instead of the 202 that says the request is queued.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Number },
        });
        return Task.CompletedTask;
    }
}
