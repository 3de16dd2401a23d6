using System.Text.Json;
using LwM2MSparkplug.ServiceDefaults.Health;
using LwM2MSparkplug.SparkplugHost.Nodes;

namespace LwM2MSparkplug.SparkplugHost;

/// <summary>Adds <c>host_id</c>, <c>nodes_online</c> and <c>devices_online</c> to <c>/api/health</c>.</summary>
public sealed class SparkplugHealthFields(EdgeNodeRegistry registry, Microsoft.Extensions.Options.IOptions<SparkplugHostOptions> options) : IHealthFields
{
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (nodes, devices) = registry.CountOnline();
        writer.WriteString("host_id", options.Value.HostId);
        writer.WriteNumber("nodes_online", nodes);
        writer.WriteNumber("devices_online", devices);
    }
}
