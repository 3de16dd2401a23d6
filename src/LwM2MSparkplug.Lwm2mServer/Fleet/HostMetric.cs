namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// The part of a metric of the Sparkplug host's <c>/api/nodes</c> the fleet reads: its quality (Sparkplug's 0 bad,
/// 192 good, 500 stale) and whether the host takes it to be stale. The value itself is left unread.
/// </summary>
public sealed record HostMetric(int Quality, bool Stale);
