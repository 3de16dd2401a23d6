using System.Globalization;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LwM2MSparkplug.ServiceDefaults.Health;

/// <summary>
/// Healthy while the service's MQTT connections are up; unhealthy while none is, since the service can then neither
/// hear devices nor reach them, and what it shows of them is stale from the moment the connection was lost. With
/// several servers, degraded while some are down: what is on them is stale, the rest is current.
/// </summary>
public sealed class MqttConnectionHealthCheck(Func<MqttConnectionSet?> connections) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connections() is not { } set)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("MQTT connection not started"));
        }
        // Up means subscribed too: a service that is connected but not yet subscribed would miss what is sent to it.
        var down = set.Connections.Where(connection => !connection.IsUp).ToList();
        var clientId = set.Connections[0].ClientId;
        return Task.FromResult(down.Count switch
        {
            0 => HealthCheckResult.Healthy(set.Connections.Count == 1
                ? $"MQTT client {clientId} connected"
                : $"MQTT client {clientId} connected to all {set.Connections.Count} servers"),
            _ when down.Count == set.Connections.Count => HealthCheckResult.Unhealthy(set.Connections.Count == 1
                ? $"MQTT client {clientId} {Describe(down[0])}; reconnecting"
                : $"MQTT client {clientId} is connected to none of its {set.Connections.Count} servers ({string.Join("; ", down.Select(Describe))}); reconnecting"),
            _ => HealthCheckResult.Degraded(
                $"MQTT client {clientId} is connected to {set.Connections.Count - down.Count} of {set.Connections.Count} servers ({string.Join("; ", down.Select(Describe))}); reconnecting; what is on those servers is stale"),
        });
    }

    static string Describe(MqttConnection connection) => connection.LostAt is { } lost
        ? $"lost its broker connection at {lost.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)} ({connection.Broker}); what the service learned through it is stale since then"
        : $"is not connected to {connection.Broker}";
}
