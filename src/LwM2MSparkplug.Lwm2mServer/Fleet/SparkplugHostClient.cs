using System.Net.Http.Json;
using System.Text.Json;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// Reads the Sparkplug host's <c>GET /api/nodes</c> (<c>SPARKPLUG_HOST_URL</c>) through the named client
/// <see cref="HttpClientName"/>, whose base address and timeout come from the options. Never throws for the host's
/// sake: an unreachable, slow or wrong host is a <see cref="SparkplugHostAnswer"/> that says so.
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
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SparkplugHostAnswer.Failed(url, SparkplugHostFailure.Timeout, $"GET {url} did not answer within {http.Timeout.TotalSeconds:0.###} s (SPARKPLUG_HOST_TIMEOUT_SECONDS).");
        }
        catch (HttpRequestException exception)
        {
            return SparkplugHostAnswer.Failed(url, SparkplugHostFailure.Unreachable, $"GET {url} failed: {exception.Message} Check SPARKPLUG_HOST_URL and that the Sparkplug host runs.");
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            return SparkplugHostAnswer.Failed(url, SparkplugHostFailure.InvalidAnswer, $"GET {url} did not answer a list of edge nodes ({exception.Message}); is SPARKPLUG_HOST_URL the Sparkplug host?");
        }
    }
}
