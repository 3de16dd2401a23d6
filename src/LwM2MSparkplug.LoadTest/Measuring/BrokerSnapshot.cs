namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>
/// A broker's counts at one moment: publishes received, messages dropped, and, where the broker says so (the embedded
/// one), dropped per receiving client and the messages queued for each client.
/// </summary>
public sealed record BrokerSnapshot(long Received, long Dropped, IReadOnlyDictionary<string, long>? DroppedByClient, IReadOnlyDictionary<string, long>? QueuedByClient = null)
{
    public static readonly BrokerSnapshot Empty = new(0, 0, null);

    /// <summary>Drops for <paramref name="clientId"/>, or null when the broker counts drops only in total.</summary>
    public long? DroppedFor(string? clientId) =>
        DroppedByClient is null || clientId is null ? null : DroppedByClient.GetValueOrDefault(clientId);

    /// <summary>
    /// Messages waiting in the broker for <paramref name="clientId"/> (after <see cref="Minus"/>: how much the queue
    /// grew), or 0 when the broker does not say.
    /// </summary>
    public long QueuedFor(string? clientId) =>
        QueuedByClient is null || clientId is null ? 0 : QueuedByClient.GetValueOrDefault(clientId);

    public BrokerSnapshot Minus(BrokerSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new BrokerSnapshot(
            Received - earlier.Received,
            Dropped - earlier.Dropped,
            DroppedByClient?.ToDictionary(e => e.Key, e => e.Value - (earlier.DroppedByClient?.GetValueOrDefault(e.Key) ?? 0), StringComparer.Ordinal),
            QueuedByClient?.Keys.Union(earlier.QueuedByClient?.Keys ?? [], StringComparer.Ordinal)
                .ToDictionary(id => id, id => QueuedFor(id) - earlier.QueuedFor(id), StringComparer.Ordinal));
    }
}
