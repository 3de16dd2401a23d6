namespace LwM2MSparkplug.Protocols.Mqtt;

/// <summary>The MQTT delivery guarantee of a publication or subscription; the values are MQTT's QoS numbers.</summary>
public enum QualityOfService : byte
{
    AtMostOnce = 0,
    AtLeastOnce = 1,
}
