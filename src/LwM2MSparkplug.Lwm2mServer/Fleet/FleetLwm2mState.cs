namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>A fleet device's LwM2M side. The order is the order of <c>sort=lwm2m_state</c>.</summary>
public enum FleetLwm2mState
{
    /// <summary>Registered, and its connection alive as far as the server knows.</summary>
    Registered,

    /// <summary>Registered, but its connection died (its Sparkplug NDEATH); kept until its lifetime ends.</summary>
    Offline,

    /// <summary>De-registered (LwM2M 1.2 Core §6.2.3); kept for <c>LWM2M_FLEET_RETENTION_SECONDS</c> after it left.</summary>
    Deregistered,

    /// <summary>Its lifetime ended without an Update; kept for <c>LWM2M_FLEET_RETENTION_SECONDS</c> after it left.</summary>
    Expired,

    /// <summary>Known only to the Sparkplug host: no LwM2M registration has this endpoint.</summary>
    Unregistered,
}
