namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// The Kafka bridge as the overview shows it. <see cref="Status"/> is the bridge's own (<c>healthy</c>,
/// <c>degraded</c>, <c>unhealthy</c>) when its health could be read; else <c>unavailable</c> with <see cref="Error"/>
/// saying why, <c>pending</c> before the first read, or <c>not_configured</c> when <c>BRIDGE_URL</c> is empty (not an
/// error). <see cref="InFlight"/>: records handed to Kafka and not yet acknowledged.
/// </summary>
public sealed record BridgeView(
    bool Configured,
    string? Url,
    bool Reachable,
    string Status,
    bool? KafkaReachable,
    bool? MqttConnected,
    long? InFlight,
    string? Error,
    DateTimeOffset? AsOf)
{
    public static readonly BridgeView NotConfigured = new(false, null, false, "not_configured", null, null, null, null, null);

    public static BridgeView Pending(string? url) => new(true, url, false, "pending", null, null, null, null, null);

    public static BridgeView From(ServiceRead<BridgeHealth> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return read.Value is { } health
            ? new BridgeView(true, read.Url.ToString(), true, health.Status!, health.KafkaReachable, health.MqttConnected, health.InFlight, null, read.AsOf)
            : new BridgeView(true, read.Url.ToString(), false, "unavailable", null, null, null, read.Error, read.AsOf);
    }
}
