using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// Talks to the Sparkplug host's REST API (<c>SPARKPLUG_HOST_URL</c>) through the named client
/// <see cref="HttpClientName"/>, whose base address, timeout and API key come from the options: reads its
/// <c>GET /api/nodes</c> and <c>GET /api/nodes/{groupId}/{edgeNodeId}</c>, and sends it commands on a caller's behalf.
/// Never throws for the host's sake: an unreachable, slow or wrong host is an answer that says so.
/// </summary>
public sealed class SparkplugHostClient(IHttpClientFactory factory)
{
    public const string HttpClientName = "sparkplug-host";

    // The host writes the REST API's conventions (snake_case); unknown fields, metric values among them, are skipped.
    static readonly JsonSerializerOptions HostJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<SparkplugHostAnswer> GetNodesAsync(CancellationToken cancellationToken)
    {
        using var http = factory.CreateClient(HttpClientName);
        var url = new Uri(http.BaseAddress!, "api/nodes");
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return SparkplugHostAnswer.Failed(url, SparkplugHostFailure.HttpStatus, $"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            var nodes = await response.Content.ReadFromJsonAsync<List<HostNode>>(HostJson, cancellationToken);
            return nodes is null || nodes.Any(node => node?.EdgeNodeId is null || node.GroupId is null)
                ? SparkplugHostAnswer.Failed(url, SparkplugHostFailure.InvalidAnswer, $"GET {url} did not answer a list of edge nodes; is SPARKPLUG_HOST_URL the Sparkplug host?")
                : SparkplugHostAnswer.Read(url, nodes);
        }
        catch (Exception exception) when (Describe(exception, "GET", url, http, "a list of edge nodes", cancellationToken) is (var failure, var error))
        {
            return SparkplugHostAnswer.Failed(url, failure, error);
        }
    }

    /// <summary>One edge node, read fresh: the host's whole node view, or no node when the host answers 404.</summary>
    public async Task<SparkplugNodeAnswer> GetNodeAsync(string groupId, string edgeNodeId, CancellationToken cancellationToken)
    {
        using var http = factory.CreateClient(HttpClientName);
        var url = new Uri(http.BaseAddress!, $"api/nodes/{Uri.EscapeDataString(groupId)}/{Uri.EscapeDataString(edgeNodeId)}");
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            // The host's 404 for a node it has not seen is a problem document; any other 404 is a wrong URL.
            if (response.StatusCode == HttpStatusCode.NotFound && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                return SparkplugNodeAnswer.NoSuchNode(url);
            }
            if (!response.IsSuccessStatusCode)
            {
                return SparkplugNodeAnswer.Failed(url, SparkplugHostFailure.HttpStatus, $"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            var node = await response.Content.ReadFromJsonAsync<JsonElement>(HostJson, cancellationToken);
            var summary = node.ValueKind == JsonValueKind.Object ? node.Deserialize<HostNode>(HostJson) : null;
            return summary?.EdgeNodeId is null || summary.GroupId is null
                ? SparkplugNodeAnswer.Failed(url, SparkplugHostFailure.InvalidAnswer, $"GET {url} did not answer an edge node; is SPARKPLUG_HOST_URL the Sparkplug host?")
                : SparkplugNodeAnswer.Read(url, node, summary);
        }
        catch (Exception exception) when (Describe(exception, "GET", url, http, "an edge node", cancellationToken) is (var failure, var error))
        {
            return SparkplugNodeAnswer.Failed(url, failure, error);
        }
    }

    /// <summary>
    /// Sends <c>POST {relativePath}</c> with <paramref name="body"/> as it came (its content type too, so the host judges
    /// it as it would its own caller's), and judges the answer (<see cref="SparkplugHostReply.FromHost"/>).
    /// </summary>
    public async Task<SparkplugHostReply> PostAsync(string relativePath, ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken)
    {
        using var http = factory.CreateClient(HttpClientName);
        var url = new Uri(http.BaseAddress!, relativePath);
        try
        {
            using var content = new ReadOnlyMemoryContent(body);
            if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var type))
            {
                content.Headers.ContentType = type;
            }
            using var response = await http.PostAsync(url, content, cancellationToken);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return SparkplugHostReply.FromHost(url, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), answer);
        }
        catch (Exception exception) when (Describe(exception, "POST", url, http, "its answer", cancellationToken) is (var failure, var error))
        {
            return SparkplugHostReply.Failed(url, failure, error);
        }
    }

    /// <summary>The failure an exception of a request to the host stands for; null for one that is not the host's doing (the caller left).</summary>
    static (SparkplugHostFailure Failure, string Error)? Describe(Exception exception, string method, Uri url, HttpClient http, string expected, CancellationToken cancellationToken) => exception switch
    {
        TaskCanceledException when !cancellationToken.IsCancellationRequested =>
            (SparkplugHostFailure.Timeout, $"{method} {url} did not answer within {http.Timeout.TotalSeconds:0.###} s (SPARKPLUG_HOST_TIMEOUT_SECONDS)."),
        HttpRequestException =>
            (SparkplugHostFailure.Unreachable, $"{method} {url} failed: {exception.Message} Check SPARKPLUG_HOST_URL and that the Sparkplug host runs."),
        JsonException or NotSupportedException =>
            (SparkplugHostFailure.InvalidAnswer, $"{method} {url} did not answer {expected} ({exception.Message}); is SPARKPLUG_HOST_URL the Sparkplug host?"),
        _ => null,
    };
}
