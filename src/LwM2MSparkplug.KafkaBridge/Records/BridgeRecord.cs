namespace LwM2MSparkplug.KafkaBridge.Records;

/// <summary>
/// A Kafka record made from one MQTT message. <see cref="MqttPayload"/> keeps the bytes as received, for a dead letter
/// should Kafka refuse the record; a dead letter carries the raw payload and its reason.
/// </summary>
public sealed record BridgeRecord(
    string Topic,
    string Key,
    byte[] Value,
    IReadOnlyList<KeyValuePair<string, byte[]>> Headers,
    byte[] MqttPayload,
    string? DeadLetterReason = null)
{
    public bool IsDeadLetter => DeadLetterReason is not null;
}
