using System.Buffers;
using LwM2MSparkplug.Protocols.Mqtt;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>What a device core asked to publish, as MQTTnet takes it: the one conversion of every device shell.</summary>
public static class OutboundMqtt
{
    /// <summary>The message as an MQTT publish; <paramref name="topic"/> and <paramref name="qualityOfService"/> override the core's.</summary>
    public static MqttApplicationMessage ToApplicationMessage(this OutboundMessage message, string? topic = null, MqttQualityOfServiceLevel? qualityOfService = null) => new()
    {
        Topic = topic ?? message.Topic,
        Payload = new ReadOnlySequence<byte>(message.Payload),
        QualityOfServiceLevel = qualityOfService ?? (MqttQualityOfServiceLevel)message.QualityOfService,
        Retain = message.Retain,
    };

    /// <summary>The message as the connection's will (the edge node's NDEATH).</summary>
    public static MqttWill ToWill(this OutboundMessage message) =>
        new(message.Topic, message.Payload.ToArray(), (MqttQualityOfServiceLevel)message.QualityOfService, message.Retain);
}
