using LwM2MSparkplug.ServiceDefaults.Mqtt;
using MQTTnet;

namespace LwM2MSparkplug.KafkaBridge.Delivery;

/// <summary>One MQTT message on its way to Kafka: what to acknowledge, on which connection, once confirmed.</summary>
public sealed class PendingDelivery(MqttApplicationMessageReceivedEventArgs message, MqttConnection connection, long startedAt)
{
    public MqttApplicationMessageReceivedEventArgs Message { get; } = message;

    /// <summary>The server's connection it arrived on.</summary>
    public MqttConnection Connection { get; } = connection;

    /// <summary>Which connection to that server it arrived on: an acknowledgement is only valid on that one.</summary>
    public int ConnectionCount { get; } = connection.ConnectionCount;

    public long StartedAt { get; } = startedAt;

    /// <summary>The acknowledgement ticket of a QoS 1/2 message; null for QoS 0.</summary>
    public long? Ticket { get; set; }
}
