using LwM2MSparkplug.Lwm2mServer.Registry;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// A device whose LwM2M registration ended, kept for the fleet: its last <see cref="Registration"/>, how it left
/// (<see cref="FleetLwm2mState.Deregistered"/> or <see cref="FleetLwm2mState.Expired"/>) and when.
/// </summary>
public sealed record GoneDevice(Registration Registration, FleetLwm2mState State, DateTimeOffset LeftAt);
