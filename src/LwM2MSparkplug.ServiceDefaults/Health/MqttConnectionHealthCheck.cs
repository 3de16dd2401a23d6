using System.Globalization;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LwM2MSparkplug.ServiceDefaults.Health;

/// <summary>
/// Healthy while the given MQTT connection is up; unhealthy while it is down, since the service can then neither
/// hear devices nor reach them, and what it shows of them is stale from the moment the connection was lost.
/// </summary>
public sealed class MqttConnectionHealthCheck(Func<MqttConnection?> connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = connection();
        return Task.FromResult(current switch
        {
            null => HealthCheckResult.Unhealthy("MQTT connection not started"),
            { IsConnected: true } => HealthCheckResult.Healthy($"MQTT client {current.ClientId} connected"),
            { LostAt: { } lost } => HealthCheckResult.Unhealthy(
                $"MQTT client {current.ClientId} lost its broker connection at {lost.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}; reconnecting; what the service learned through it is stale since then"),
            _ => HealthCheckResult.Unhealthy($"MQTT client {current.ClientId} is not connected; reconnecting"),
        });
    }
}
