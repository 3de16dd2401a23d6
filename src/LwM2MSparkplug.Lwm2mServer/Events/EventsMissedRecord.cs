using System.Buffers;
using System.Text.Json;
using LwM2MSparkplug.ServiceDefaults;

namespace LwM2MSparkplug.Lwm2mServer.Events;

/// <summary>
/// What the event streams send where a reader lost events (the full buffer dropped them before the reader got there):
/// <c>{"type":"events_missed","log":"…","missed":N,"from_sequence":A,"to_sequence":B}</c>. It has no sequence
/// number of its own, since it is not an event of the log, and comes before the first event after the gap.
/// </summary>
public static class EventsMissedRecord
{
    public const string Type = "events_missed";

    /// <summary>The record for <paramref name="page"/>'s gap; call it only when <see cref="EventPage.Missed"/> is above 0.</summary>
    public static ReadOnlyMemory<byte> ToJson(EventPage page)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, JsonDefaults.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", Type);
            writer.WriteString("log", page.Log);
            writer.WriteNumber("missed", page.Missed);
            writer.WriteNumber("from_sequence", page.FirstMissed);
            writer.WriteNumber("to_sequence", page.FirstMissed + page.Missed - 1);
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
