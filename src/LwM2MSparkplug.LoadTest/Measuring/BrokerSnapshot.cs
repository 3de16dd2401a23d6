namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>
/// A broker's counts at one moment: publishes received, messages dropped, and, where the broker says so (the embedded
/// one), dropped per receiving client.
/// </summary>
public sealed record BrokerSnapshot(long Received, long Dropped, IReadOnlyDictionary<string, long>? DroppedByClient)
{
    public static readonly BrokerSnapshot Empty = new(0, 0, null);

    /// <summary>Drops for <paramref name="clientId"/>, or null when the broker counts drops only in total.</summary>
    public long? DroppedFor(string? clientId) =>
        DroppedByClient is null || clientId is null ? null : DroppedByClient.GetValueOrDefault(clientId);

    public BrokerSnapshot Minus(BrokerSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new BrokerSnapshot(
            Received - earlier.Received,
            Dropped - earlier.Dropped,
            DroppedByClient?.ToDictionary(e => e.Key, e => e.Value - (earlier.DroppedByClient?.GetValueOrDefault(e.Key) ?? 0), StringComparer.Ordinal));
    }
}
