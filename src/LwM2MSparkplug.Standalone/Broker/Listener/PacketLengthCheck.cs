namespace LwM2MSparkplug.Standalone.Broker.Listener;

/// <summary>What <see cref="MqttPacketLengthGuard"/> concluded from the bytes it has seen so far.</summary>
public enum PacketLengthCheck
{
    /// <summary>Every fixed header so far claims at most the maximum packet size.</summary>
    Within,

    /// <summary>A fixed header claims a packet larger than the maximum packet size.</summary>
    TooLarge,

    /// <summary>A remaining length runs past the four bytes MQTT allows (MQTT 3.1.1 §2.2.3, MQTT 5 §1.5.5).</summary>
    MalformedRemainingLength,
}
