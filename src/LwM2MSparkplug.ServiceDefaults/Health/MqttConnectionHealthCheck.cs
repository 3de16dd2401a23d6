using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LwM2MSparkplug.ServiceDefaults.Health;

/// <summary>Healthy while the given MQTT connection is up.</summary>
public sealed class MqttConnectionHealthCheck(Func<MqttConnection?> connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = connection();
        return Task.FromResult(current switch
        {
            null => HealthCheckResult.Unhealthy("MQTT connection not started"),
            { IsConnected: true } => HealthCheckResult.Healthy($"MQTT client {current.ClientId} connected"),
            _ => HealthCheckResult.Unhealthy($"MQTT client {current.ClientId} is not connected; reconnecting"),
        });
    }
}
