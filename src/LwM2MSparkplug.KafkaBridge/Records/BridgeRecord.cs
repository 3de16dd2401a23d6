namespace LwM2MSparkplug.KafkaBridge.Records;

/// <summary>
/// A Kafka record made from one MQTT message. <see cref="MqttPayload"/> keeps the bytes as received, for a dead letter
/// should Kafka refuse the record; a dead letter carries an excerpt of them and its reason.
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

    /// <summary>The value of header <paramref name="name"/> as text; empty when the record has none.</summary>
    public string Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (key == name)
            {
                return System.Text.Encoding.UTF8.GetString(value);
            }
        }
        return string.Empty;
    }
}
