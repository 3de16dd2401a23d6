using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.ServiceDefaults.Health;

namespace LwM2MSparkplug.Lwm2mServer;

/// <summary>
/// Adds <c>active_devices</c> to <c>/api/health</c>, as the original server did, and <c>sparkplug_view</c> while the
/// last read of the Sparkplug host for <c>/api/fleet</c> failed. The server stays healthy then: its own work goes on,
/// only the fleet's Sparkplug side is missing; the field is left out otherwise, keeping the original answer's shape.
/// </summary>
public sealed class Lwm2mHealthFields(IRegistrationStore store, SparkplugNodeCache sparkplug) : IHealthFields
{
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("active_devices", store.Count);
        if (sparkplug.Last?.Source is { Reachable: false } source)
        {
            writer.WriteStartObject("sparkplug_view");
            writer.WriteString("status", "unavailable");
            writer.WriteString("error", source.Error);
            writer.WriteString("as_of", source.AsOf);
            writer.WriteEndObject();
        }
    }
}
