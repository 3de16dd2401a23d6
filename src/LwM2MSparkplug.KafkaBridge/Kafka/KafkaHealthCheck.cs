using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LwM2MSparkplug.KafkaBridge.Kafka;

/// <summary>Healthy while Kafka answers the bridge's probes and deliveries.</summary>
public sealed class KafkaHealthCheck(KafkaConnectivity connectivity) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connectivity.IsReachable
            ? HealthCheckResult.Healthy("Kafka reachable")
            : HealthCheckResult.Unhealthy($"Kafka unreachable: {connectivity.LastError ?? "not yet contacted"}"));
}
