namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// Invalid messages since each service started, by reason: <c>lwm2m_invalid_messages_total</c> of this server and the
/// Sparkplug host's <c>sparkplug_invalid_messages_total</c> (null when its summary could not be read).
/// </summary>
public sealed record InvalidMessageCounts(IReadOnlyDictionary<string, double> Lwm2m, IReadOnlyDictionary<string, double>? Sparkplug);
