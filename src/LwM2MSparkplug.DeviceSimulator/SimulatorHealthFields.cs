using System.Text.Json;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.ServiceDefaults.Health;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.DeviceSimulator;

/// <summary>Adds <c>devices_configured</c>, <c>devices</c> (started so far) and <c>devices_connected</c> to <c>/api/health</c>.</summary>
public sealed class SimulatorHealthFields(DeviceFleet fleet, IOptions<SimulatorOptions> options) : IHealthFields
{
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var devices = fleet.Devices;
        writer.WriteNumber("devices_configured", options.Value.DeviceCount);
        writer.WriteNumber("devices", devices.Count);
        writer.WriteNumber("devices_connected", devices.Count(d => d.IsConnected));
    }
}
