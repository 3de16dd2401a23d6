using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.ServiceDefaults.Health;

namespace LwM2MSparkplug.Lwm2mServer;

/// <summary>Adds <c>active_devices</c> to <c>/api/health</c>, as the original server did.</summary>
public sealed class Lwm2mHealthFields(IRegistrationStore store) : IHealthFields
{
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("active_devices", store.Count);
    }
}
