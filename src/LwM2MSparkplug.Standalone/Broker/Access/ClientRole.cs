namespace LwM2MSparkplug.Standalone.Broker.Access;

/// <summary>What a client of the embedded broker is, when authentication is on; decides its topic rights (<see cref="TopicAccessPolicy"/>).</summary>
public enum ClientRole
{
    /// <summary>A device: LwM2M client and Sparkplug edge node under its own id, authenticated by a certificate from the device CA.</summary>
    Device,

    /// <summary>The LwM2M server's account.</summary>
    Lwm2mServer,

    /// <summary>The Sparkplug host application's account: the only one that publishes STATE.</summary>
    SparkplugHost,

    /// <summary>The MQTT-to-Kafka bridge's account: reads what it forwards, publishes nothing.</summary>
    KafkaBridge,

    /// <summary>People's tools (<c>BROKER_USERNAME</c>): read everything and <c>$SYS</c>, publish nothing, as Compose's monitor.</summary>
    Monitor,
}
