using System.Net;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// The Sparkplug host's answer to a command sent on a caller's behalf (rebirth, metric write), judged: with
/// <see cref="Failure"/> <see cref="SparkplugHostFailure.None"/> it is the host's own answer, to pass on as it is
/// (<see cref="StatusCode"/>, <see cref="ContentType"/>, <see cref="Body"/>): its 202, and its 4xx or 503 problems, which
/// speak of the node, the metric or the value. Otherwise the host could not be asked, or answered in a way that is the
/// server's concern and not the caller's (a refused API key, an error of its own), and <see cref="Error"/> says why.
/// </summary>
public sealed record SparkplugHostReply(Uri Url, int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body, SparkplugHostFailure Failure, string? Error)
{
    /// <summary>Judges the host's answer to <c>POST <paramref name="url"/></c>.</summary>
    public static SparkplugHostReply FromHost(Uri url, int statusCode, string? contentType, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(url);
        var error = statusCode switch
        {
            (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden =>
                $"POST {url} answered {statusCode}: the Sparkplug host refused the LwM2M server's API key; give both services the same API_KEY.",
            >= 200 and < 300 => null,
            // The host's own refusals (unknown node or metric, offline, bad value, broker down) are the caller's to read.
            (>= 400 and < 500) or (int)HttpStatusCode.ServiceUnavailable => null,
            _ => $"POST {url} answered {statusCode}; is SPARKPLUG_HOST_URL the Sparkplug host?",
        };
        return error is null
            ? new SparkplugHostReply(url, statusCode, contentType, body, SparkplugHostFailure.None, null)
            : Failed(url, SparkplugHostFailure.HttpStatus, error);
    }

    public static SparkplugHostReply Failed(Uri url, SparkplugHostFailure failure, string error) => new(url, 0, null, ReadOnlyMemory<byte>.Empty, failure, error);
}
