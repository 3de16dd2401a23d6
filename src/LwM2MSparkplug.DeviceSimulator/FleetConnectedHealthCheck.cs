using System.Globalization;
using LwM2MSparkplug.DeviceSimulator.Devices;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.DeviceSimulator;

/// <summary>
/// Judges the fleet by how many of its devices are connected: healthy at or above
/// <see cref="SimulatorOptions.HealthyConnectedFraction"/>, degraded below it, unhealthy with none connected (the
/// simulator lost its broker). While the fleet is still starting its devices (they start
/// <see cref="SimulatorOptions.StartIntervalSeconds"/> apart), too few connected is expected: degraded, not unhealthy.
/// </summary>
public sealed class FleetConnectedHealthCheck(DeviceFleet fleet, IOptions<SimulatorOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var devices = fleet.Devices;
        var expected = settings.DeviceCount;
        var connected = devices.Count(d => d.IsConnected);
        return Task.FromResult(connected >= expected * settings.HealthyConnectedFraction
            ? HealthCheckResult.Healthy($"{connected} of {expected} devices connected")
            : devices.Count < expected
                ? HealthCheckResult.Degraded($"starting: {devices.Count} of {expected} devices started, {connected} connected")
                : connected == 0
                    ? HealthCheckResult.Unhealthy($"none of {expected} devices is connected")
                    : HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture,
                        $"{connected} of {expected} devices connected, below the healthy fraction {settings.HealthyConnectedFraction} (SIMULATOR_HEALTHY_CONNECTED_FRACTION)")));
    }
}
