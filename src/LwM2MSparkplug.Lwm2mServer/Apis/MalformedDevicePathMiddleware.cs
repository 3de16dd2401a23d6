using Microsoft.AspNetCore.Http;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// Answers a URL under <c>/api/devices/{endpoint}/</c> that no route matched because its LwM2M path is malformed
/// (<c>/3/x/1</c>, <c>/65536/0/0</c>, <c>/3/0/0/0/0</c>) with a 400 problem saying what is wrong, instead of routing's
/// bare 404. It runs after routing and only where routing found nothing, so routing's own 405 (a method the path does
/// not have) and 415 (a body that is not JSON) stand.
/// </summary>
public sealed class MalformedDevicePathMiddleware(RequestDelegate next)
{
    static readonly PathString Devices = new("/api/devices");

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint() is null
            && context.Request.Path.StartsWithSegments(Devices, out var rest)
            && DevicePathProblems.Describe(PathAfterEndpoint(rest.Value)) is { } malformed)
        {
            return Problems.BadRequest(malformed).ExecuteAsync(context);
        }
        return next(context);
    }

    /// <summary><c>3/x/1</c> from <c>/dev-1/3/x/1</c>; null when nothing follows the endpoint.</summary>
    static string? PathAfterEndpoint(string? rest)
    {
        var afterEndpoint = rest is { Length: > 1 } ? rest.IndexOf('/', 1) : -1;
        return afterEndpoint < 0 ? null : rest![(afterEndpoint + 1)..];
    }
}
