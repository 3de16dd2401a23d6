using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// The 202 answer for a request held for a sleeping queue-mode device: what was queued, until when it waits, and where
/// its outcome will appear.
/// </summary>
public sealed record QueuedRequestView(string Endpoint, string RequestId, string Operation, string? Path, DateTimeOffset QueuedAt, DateTimeOffset ExpiresAt)
{
    public string Status { get; } = "queued";

    public string Result =>
        $"Sent when '{Endpoint}' next wakes (its next Update or Send). The outcome is recorded in /api/events as an 'operation' event with request_id {RequestId}, or as a 'queued_request_expired' event if the device does not wake by expires_at.";

    public static QueuedRequestView From(HeldRequest held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return new QueuedRequestView(held.Endpoint, held.RequestId, held.Request.Operation.ToWire(), held.Request.Path?.ToString(), held.HeldAt, held.ExpiresAt);
    }
}
