using MQTTnet;

namespace LwM2MSparkplug.KafkaBridge.Delivery;

/// <summary>One MQTT message on its way to Kafka: what to acknowledge, on which connection, once confirmed.</summary>
public sealed class PendingDelivery(MqttApplicationMessageReceivedEventArgs message, int connection, long startedAt)
{
    public MqttApplicationMessageReceivedEventArgs Message { get; } = message;

    /// <summary>The MQTT connection it arrived on; an acknowledgement is only valid on that connection.</summary>
    public int Connection { get; } = connection;

    public long StartedAt { get; } = startedAt;

    /// <summary>The acknowledgement ticket of a QoS 1/2 message; null for QoS 0.</summary>
    public long? Ticket { get; set; }
}
