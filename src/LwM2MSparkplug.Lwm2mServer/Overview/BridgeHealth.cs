namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// The Kafka bridge's <c>GET /api/health</c>, as read (snake_case): its status (healthy, degraded, unhealthy), its
/// connections and the records handed to Kafka and not yet acknowledged (<see cref="InFlight"/>).
/// </summary>
public sealed record BridgeHealth(string? Status, bool? MqttConnected, bool? KafkaReachable, long? InFlight);
