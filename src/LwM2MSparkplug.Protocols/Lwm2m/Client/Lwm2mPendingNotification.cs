using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>A notification the client owes the server.</summary>
public sealed record Lwm2mPendingNotification(string ObservationId, IReadOnlyList<Lwm2mResourceValue> Values)
{
    /// <summary>False when <c>con</c> is 0: the notification may be sent without delivery confirmation.</summary>
    public bool Confirmable { get; init; } = true;
}
