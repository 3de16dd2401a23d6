using System.Buffers;
using System.Text.Json;

namespace LwM2MSparkplug.Protocols.Sparkplug.State;

/// <summary>
/// A host application STATE payload: UTF-8 JSON <c>{"online":true|false,"timestamp":T}</c> with T in
/// integer milliseconds since the Unix epoch (Sparkplug 3.0 §4.1.3, tck-id-host-topic-phid-birth-payload).
/// </summary>
public readonly record struct HostState(bool Online, long Timestamp)
{
    /// <summary>The JSON payload, with the timestamp written as an integer as the TCK requires.</summary>
    public byte[] ToJsonBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(48);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("online", Online);
            writer.WriteNumber("timestamp", Timestamp);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static bool TryParse(ReadOnlySequence<byte> payload, out HostState state)
    {
        state = default;
        bool? online = null;
        long? timestamp = null;
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("online"u8))
                {
                    reader.Read();
                    if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    {
                        return false;
                    }
                    online = reader.GetBoolean();
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
                    {
                        return false;
                    }
                    timestamp = value;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        if (online is null || timestamp is null)
        {
            return false;
        }
        state = new HostState(online.Value, timestamp.Value);
        return true;
    }
}
