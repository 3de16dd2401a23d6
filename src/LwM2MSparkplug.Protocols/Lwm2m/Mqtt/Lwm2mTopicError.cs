namespace LwM2MSparkplug.Protocols.Lwm2m.Mqtt;

/// <summary>Why a topic is not an LwM2M-over-MQTT topic. Used as the <c>reason</c> metric label.</summary>
public enum Lwm2mTopicError
{
    None,
    WrongPrefix,
    WrongLevelCount,
    UnknownKind,
    InvalidEndpoint,
    InvalidId,
}
