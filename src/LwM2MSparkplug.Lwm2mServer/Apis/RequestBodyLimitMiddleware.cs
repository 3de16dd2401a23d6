using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// Refuses a REST request body larger than <c>MaxRequestBodyBytes</c> with a 413 problem naming the limit, before it is
/// the endpoint reads it: by its Content-Length, or, for a chunked body, as soon as the bytes read pass the limit.
/// Without it a megabyte Write would become a megabyte command to the device.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<Lwm2mServerOptions> options, Lwm2mServerMetrics metrics, IProblemDetailsService problems)
{
    readonly int _maxBytes = options.Value.MaxRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength > _maxBytes)
        {
            await RefuseAsync(context);
            return;
        }
        if (request.ContentLength is null && HasChunkedBody(context))
        {
            // The length is known only once read: read it here, up to the limit, and let the endpoint read the copy.
            var copy = await ReadUpToLimitAsync(request.Body, context.RequestAborted);
            if (copy is null)
            {
                await RefuseAsync(context);
                return;
            }
            context.Response.RegisterForDispose(copy);
            request.Body = copy;
        }
        await next(context);
    }

    // An upgrade request's "body" is the WebSocket that follows; it is not read here.
    static bool HasChunkedBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true }
        && context.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true };

    async Task<MemoryStream?> ReadUpToLimitAsync(Stream body, CancellationToken cancellationToken)
    {
        var copy = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > _maxBytes)
            {
                await copy.DisposeAsync();
                return null;
            }
            copy.Write(buffer, 0, read);
        }
        copy.Position = 0;
        return copy;
    }

    async Task RefuseAsync(HttpContext context)
    {
        metrics.LimitRefusals.WithLabels("max_request_body_bytes").Inc();
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"The body is larger than {_maxBytes} bytes, the most the server takes (Lwm2mServer:MaxRequestBodyBytes, LWM2M_MAX_REQUEST_BODY_BYTES); send less, or raise that limit."),
            },
        });
    }
}
