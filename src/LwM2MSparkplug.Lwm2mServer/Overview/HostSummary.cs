namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// The Sparkplug host's <c>GET /api/summary</c>, as read: counters since the host started (messages in total and
/// invalid messages by reason). Read from the host's JSON (snake_case); fields the overview does not use are skipped.
/// </summary>
public sealed record HostSummary(double? MessagesTotal, IReadOnlyDictionary<string, double>? InvalidMessages);
