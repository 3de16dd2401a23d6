namespace LwM2MSparkplug.Protocols.Sparkplug.Edge;

/// <summary>Where an <see cref="EdgeNode"/> is in its Sparkplug session.</summary>
public enum EdgeNodeState
{
    /// <summary>No MQTT session.</summary>
    Disconnected,
    /// <summary>Connected; births wait for the primary host's online STATE.</summary>
    WaitingForPrimaryHost,
    /// <summary>NBIRTH and DBIRTHs published; data flows.</summary>
    Born,
    /// <summary>NDEATH published; the connection is about to close.</summary>
    Dead,
}
