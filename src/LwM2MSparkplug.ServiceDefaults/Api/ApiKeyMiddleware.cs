using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Prometheus;

namespace LwM2MSparkplug.ServiceDefaults.Api;

/// <summary>
/// Refuses, with a 401 problem, a request under <c>/api/</c> (or a <c>/ws/</c> stream, when reads are protected) that needs the API key (<see cref="ApiKeyOptions"/>) and
/// does not carry it. Decided by method, so every service's operations that change something (LwM2M Write, Execute,
/// Observe, Write-Attributes, Delete; Sparkplug rebirth and metric writes) are covered without each endpoint opting in.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiKeyOptions> options, IMetricFactory metrics, IProblemDetailsService problems)
{
    const string HeaderName = "X-API-Key";
    static readonly PathString ApiPath = new("/api");
    static readonly PathString WebSocketPath = new("/ws");
    static readonly PathString HealthPath = new("/api/health");

    readonly byte[]? _key = options.Value.Enabled ? Encoding.UTF8.GetBytes(options.Value.Key!) : null;
    readonly bool _protectReads = options.Value.ProtectReads;
    readonly Counter _refused = metrics.CreateCounter("http_requests_unauthorized_total",
        "REST requests refused for a missing or wrong API key (API_KEY).", ["reason"]);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_key is null || !NeedsKey(context.Request))
        {
            return next(context);
        }
        var presented = PresentedKey(context.Request);
        if (presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key))
        {
            return next(context);
        }
        var reason = presented is null ? "missing" : "wrong";
        _refused.WithLabels(reason).Inc();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"LwM2MSparkplug\"";
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = presented is null ? "API key required" : "Wrong API key",
                Detail = $"{context.Request.Method} {context.Request.Path} changes something and needs the service's API key (API_KEY): "
                    + $"send it as 'Authorization: Bearer <key>' or '{HeaderName}: <key>'.",
            },
        }).AsTask();
    }

    // WebSocket streams (/ws/...) are reads of what /api serves, closed with the other reads.
    bool NeedsKey(HttpRequest request) =>
        request.Path.StartsWithSegments(WebSocketPath)
            ? _protectReads
            : request.Path.StartsWithSegments(ApiPath) && !request.Path.StartsWithSegments(HealthPath)
                && (_protectReads || !IsRead(request.Method));

    /// <summary>True for the methods that only read (GET, HEAD, OPTIONS); any other changes something and needs the key.</summary>
    public static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }
        var header = request.Headers[HeaderName].ToString();
        return header.Length > 0 ? header : null;
    }
}
