using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace LwM2MSparkplug.Lwm2mServer.Events;

/// <summary>
/// The body of <c>POST /api/events/ack</c>: an event as <c>/api/events</c> gave it, or an array of them; only
/// <c>log</c> and <c>sequence</c> are read, and the highest sequence counts (all must name the same log). A consumer
/// can so post back what it wrote, unchanged.
/// </summary>
public sealed record EventAcknowledgementRequest(string Log, long Sequence)
{
    public static bool TryRead(JsonElement body, [NotNullWhen(true)] out EventAcknowledgementRequest? request, out string error)
    {
        request = null;
        error = string.Empty;
        var events = body.ValueKind == JsonValueKind.Array ? [.. body.EnumerateArray()] : new[] { body };
        if (events.Length == 0)
        {
            error = "The body is an empty array: acknowledge at least one event.";
            return false;
        }
        string? log = null;
        var sequence = 0L;
        foreach (var item in events)
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("log", out var logProperty) || logProperty.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("sequence", out var sequenceProperty) || !sequenceProperty.TryGetInt64(out var itemSequence) || itemSequence < 1)
            {
                error = "Each acknowledged event must be a JSON object with \"log\" (a string) and \"sequence\" (a positive integer), as /api/events gives them.";
                return false;
            }
            var itemLog = logProperty.GetString()!;
            if (log is not null && !string.Equals(log, itemLog, StringComparison.Ordinal))
            {
                error = $"The events name two logs, {log} and {itemLog}: acknowledge the events of one log at a time.";
                return false;
            }
            log = itemLog;
            sequence = Math.Max(sequence, itemSequence);
        }
        request = new EventAcknowledgementRequest(log!, sequence);
        return true;
    }
}

/// <summary>The answer to an acknowledgement: its <see cref="Result"/> and the consumer's cursor after it.</summary>
public sealed record EventAcknowledgementView(string Consumer, string Log, string Result, long? Committed, long? Delivered);
