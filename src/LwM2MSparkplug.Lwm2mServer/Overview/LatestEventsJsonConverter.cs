using System.Text.Json;
using System.Text.Json.Serialization;
using LwM2MSparkplug.Lwm2mServer.Events;

namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>Writes events as <c>/api/events</c> serves them: each event's stored JSON, as it is, in an array.</summary>
public sealed class LatestEventsJsonConverter : JsonConverter<IReadOnlyList<Lwm2mEvent>>
{
    public override IReadOnlyList<Lwm2mEvent> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Events are written, not read.");

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<Lwm2mEvent> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
        }
        writer.WriteEndArray();
    }
}
