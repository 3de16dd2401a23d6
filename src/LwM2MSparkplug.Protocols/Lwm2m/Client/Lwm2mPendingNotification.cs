using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>A notification the client owes the server.</summary>
public sealed record Lwm2mPendingNotification(string ObservationId, IReadOnlyList<Lwm2mResourceValue> Values);
