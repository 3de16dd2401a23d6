namespace LwM2MSparkplug.Lwm2mServer.Events;

/// <summary>
/// Where the event log stands: its id <see cref="Log"/>, new on every start of the server, and the sequence numbers it
/// holds, <see cref="FirstSequence"/> (the oldest kept; <see cref="LastSequence"/> + 1 while empty) to
/// <see cref="LastSequence"/>. A sequence number means something only together with its log.
/// </summary>
public readonly record struct EventLogPosition(string Log, long FirstSequence, long LastSequence)
{
    /// <summary>
    /// Whether a reader's cursor belongs to this log: its <paramref name="log"/>, when it names one, is this log, and
    /// <paramref name="after"/> is not past the last sequence number, which only a cursor from an earlier run can be.
    /// </summary>
    public EventCursorError Check(string? log, long? after) =>
        log is not null && log != Log ? EventCursorError.OtherLog
        : after > LastSequence ? EventCursorError.BeyondLast
        : EventCursorError.None;
}
