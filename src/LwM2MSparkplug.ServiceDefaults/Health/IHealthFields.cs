using System.Text.Json;

namespace LwM2MSparkplug.ServiceDefaults.Health;

/// <summary>Adds service-specific fields to the <c>/api/health</c> answer, e.g. <c>active_devices</c>.</summary>
public interface IHealthFields
{
    void Write(Utf8JsonWriter writer);
}
