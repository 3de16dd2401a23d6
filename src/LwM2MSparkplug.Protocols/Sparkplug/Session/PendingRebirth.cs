namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>A rebirth request that waited for the global rate: for which edge node, why, and since when.</summary>
public sealed record PendingRebirth(string GroupId, string EdgeNodeId, RebirthReason Reason, DateTimeOffset RequestedAt);
