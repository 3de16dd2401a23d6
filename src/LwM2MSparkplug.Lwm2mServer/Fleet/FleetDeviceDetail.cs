using System.Text.Json;
using System.Text.Json.Serialization;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// One device of <c>/api/fleet/{endpoint}</c>: the fields of its <c>/api/fleet</c> row, plus <see cref="SparkplugNode"/>,
/// the Sparkplug host's own view of the edge node with this id (<c>GET /api/nodes/{groupId}/{edgeNodeId}</c>, passed on
/// as the host wrote it: metric values, datatypes, timestamps, quality, stale, devices and their metrics), read for this
/// answer; null (written as <c>null</c>) when the host has no such node or could not be read, which
/// <see cref="SparkplugSource"/> then says.
/// </summary>
public sealed record FleetDeviceDetail : FleetDevice
{
    public FleetDeviceDetail(FleetDevice row, JsonElement? sparkplugNode, SparkplugSource sparkplugSource)
        : base(row)
    {
        SparkplugNode = sparkplugNode;
        SparkplugSource = sparkplugSource;
    }

    // After the row's fields (order 0), which System.Text.Json would otherwise write after these.
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonPropertyOrder(1)]
    public JsonElement? SparkplugNode { get; init; }

    [JsonPropertyOrder(2)]
    public SparkplugSource SparkplugSource { get; init; }
}
