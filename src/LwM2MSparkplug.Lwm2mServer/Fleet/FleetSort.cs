namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>What <c>/api/fleet</c> sorts by (<c>sort=</c>, with <c>-</c> in front for descending); ties go by endpoint.</summary>
public enum FleetSort
{
    Endpoint,

    /// <summary>Registered, then offline, de-registered, expired, then unregistered.</summary>
    Lwm2mState,

    /// <summary>Sparkplug online, then offline, then devices without an edge node.</summary>
    SparkplugOnline,

    /// <summary>Oldest LwM2M Register or Update first; unregistered devices last in either direction.</summary>
    LastUpdateAt,
}
