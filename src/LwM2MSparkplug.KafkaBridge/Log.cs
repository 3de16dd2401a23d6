using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.KafkaBridge;

static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Bridging MQTT ({Subscriptions}) to Kafka at {BootstrapServers}")]
    public static partial void Starting(ILogger logger, string subscriptions, string bootstrapServers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka is unreachable ({Reason}); holding MQTT acknowledgements until it is back")]
    public static partial void KafkaUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka is reachable")]
    public static partial void KafkaReachable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettering a message from {Topic}: {Reason}")]
    public static partial void DeadLettering(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka refused the dead letter of a message from {MqttTopic} ({PayloadBytes} bytes, SHA-256 {PayloadSha256}): {Reason}; the message is lost")]
    public static partial void DeadLetterRefused(ILogger logger, string mqttTopic, string payloadBytes, string payloadSha256, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not acknowledge an MQTT message; the broker will deliver it again")]
    public static partial void AcknowledgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Message}")]
    public static partial void Librdkafka(ILogger logger, string facility, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Flushed Kafka producer on shutdown; {Remaining} records were not confirmed and stay unacknowledged at the broker")]
    public static partial void Flushed(ILogger logger, int remaining);
}
