using LwM2MSparkplug.Lwm2mServer.Fleet;
using Microsoft.AspNetCore.Http;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>Writes the Sparkplug host's answer to a relayed command as it came: its status, content type and body.</summary>
public sealed class SparkplugHostReplyResult(SparkplugHostReply reply) : IResult
{
    public SparkplugHostReply Reply => reply;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = reply.StatusCode;
        if (reply.ContentType is not null)
        {
            response.ContentType = reply.ContentType;
        }
        response.ContentLength = reply.Body.Length;
        await response.Body.WriteAsync(reply.Body, httpContext.RequestAborted);
    }
}
