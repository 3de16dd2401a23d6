namespace LwM2MSparkplug.Lwm2mServer.Events;

/// <summary>
/// Events after a cursor, from the log <see cref="Log"/>. <see cref="Missed"/> counts events that fell out of the buffer
/// before this reader got them, from sequence <see cref="FirstMissed"/> on (0 when none);
/// <see cref="LastSequence"/> is the newest sequence number the server has assigned.
/// </summary>
public readonly record struct EventPage(IReadOnlyList<Lwm2mEvent> Events, long Missed, long LastSequence, string Log, long FirstMissed);
