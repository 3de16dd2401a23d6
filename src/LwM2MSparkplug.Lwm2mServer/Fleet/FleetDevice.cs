namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// One device of <c>/api/fleet</c>, both protocols side by side. The LwM2M fields are absent (null) for an
/// <see cref="FleetLwm2mState.Unregistered"/> device; <see cref="Sparkplug"/> is absent when the Sparkplug host knows
/// no edge node with this id, or could not be read. <see cref="LifetimeLeftSeconds"/> counts down to the registration's
/// expiry, at the moment of the answer. A <see cref="FleetLwm2mState.Deregistered"/> or <see cref="FleetLwm2mState.Expired"/>
/// device shows its last registration, with <see cref="LeftAt"/> the time it left. <see cref="MessagesPerMinute"/> counts
/// the LwM2M messages the server received from the device in the last 60 s (0 for one not heard from); the Sparkplug
/// side's own rate is in <see cref="Sparkplug"/>.
/// </summary>
public record FleetDevice(
    string Endpoint,
    FleetLwm2mState State,
    string? Dialect,
    string? RegistrationId,
    long? LifetimeSeconds,
    long? LifetimeLeftSeconds,
    DateTimeOffset? LastUpdateAt,
    string? BindingMode,
    string? Version,
    int MessagesPerMinute,
    FleetSparkplugSide? Sparkplug)
{
    /// <summary>When the device de-registered or expired; null while registered.</summary>
    public DateTimeOffset? LeftAt { get; init; }
}
