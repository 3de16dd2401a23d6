namespace LwM2MSparkplug.Lwm2mServer.Events;

/// <summary>Why a reader's cursor cannot be read after (<see cref="EventLogPosition.Check"/>).</summary>
public enum EventCursorError
{
    None,

    /// <summary>The cursor names another log: the server restarted since, and its sequence numbers began again.</summary>
    OtherLog,

    /// <summary>The cursor is past the last sequence number: it comes from an earlier run that had gone further.</summary>
    BeyondLast,
}
