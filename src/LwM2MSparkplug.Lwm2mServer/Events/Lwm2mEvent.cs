namespace LwM2MSparkplug.Lwm2mServer.Events;

/// <summary>
/// One entry of the event log behind <c>/api/events</c>. <see cref="Json"/> is the event as served:
/// <c>{"log":"…","sequence":N,"type":"…","endpoint":"…","timestamp":"…","data":{…}}</c>, serialised once. The log id and
/// the sequence number together name the event across restarts of the server, e.g. to drop a duplicate delivery.
/// </summary>
public sealed record Lwm2mEvent(long Sequence, string Type, string Endpoint, DateTimeOffset Timestamp, ReadOnlyMemory<byte> Json);

/// <summary>The event types the server records.</summary>
public static class Lwm2mEventTypes
{
    public const string Registration = "registration";
    public const string Update = "update";
    public const string Deregistration = "deregistration";
    public const string Expiry = "expiry";
    public const string Operation = "operation";
    public const string Notification = "notification";
    public const string Send = "send";
    public const string Offline = "offline";
    public const string QueuedRequestExpired = "queued_request_expired";
}
