namespace LwM2MSparkplug.Protocols.Mqtt;

/// <summary>Why a device core asks for its MQTT connection to be closed and opened again.</summary>
public enum RestartReason
{
    None,
    /// <summary>LwM2M Execute on Device Reboot (<c>/3/0/4</c>).</summary>
    Reboot,
    /// <summary>The Sparkplug primary host went offline: end the session, connect again later.</summary>
    PrimaryHostOffline,
}
