namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>Which topic of the OMA MQTT binding a message uses.</summary>
public enum OmaInterface
{
    /// <summary><c>lwm2m/rd/{ep}</c>: registration, device management, information reporting and Send.</summary>
    Registration,

    /// <summary><c>lwm2m/bs/{ep}</c>: the bootstrap interface.</summary>
    Bootstrap,
}
