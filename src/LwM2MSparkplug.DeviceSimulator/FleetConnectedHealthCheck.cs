using LwM2MSparkplug.DeviceSimulator.Devices;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.DeviceSimulator;

/// <summary>
/// Healthy while every device the simulator runs is connected; degraded while some are not (starting up, or
/// reconnecting); unhealthy while none is. A simulator that lost its broker says so.
/// </summary>
public sealed class FleetConnectedHealthCheck(DeviceFleet fleet, IOptions<SimulatorOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var expected = options.Value.DeviceCount;
        var connected = fleet.Devices.Count(d => d.IsConnected);
        return Task.FromResult(connected == expected
            ? HealthCheckResult.Healthy($"{connected} of {expected} devices connected")
            : connected == 0
                ? HealthCheckResult.Unhealthy($"none of {expected} devices is connected")
                : HealthCheckResult.Degraded($"{connected} of {expected} devices connected"));
    }
}
