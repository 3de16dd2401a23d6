using System.Text.Json;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// What one read of the Sparkplug host's <c>GET /api/nodes/{groupId}/{edgeNodeId}</c> at <see cref="Url"/> gave:
/// <see cref="Node"/>, the host's node view as it sent it (metric values, datatypes, timestamps, quality, devices), and
/// <see cref="Summary"/>, the part the fleet reads; both null when the host has no such node (its 404) or could not be
/// read (<see cref="Failure"/> and <see cref="Error"/> say why).
/// </summary>
public sealed record SparkplugNodeAnswer(Uri Url, JsonElement? Node, HostNode? Summary, SparkplugHostFailure Failure, string? Error)
{
    public static SparkplugNodeAnswer Read(Uri url, JsonElement node, HostNode summary) => new(url, node, summary, SparkplugHostFailure.None, null);

    public static SparkplugNodeAnswer NoSuchNode(Uri url) => new(url, null, null, SparkplugHostFailure.None, null);

    public static SparkplugNodeAnswer Failed(Uri url, SparkplugHostFailure failure, string error) => new(url, null, null, failure, error);
}
