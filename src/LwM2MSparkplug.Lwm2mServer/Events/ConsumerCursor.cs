namespace LwM2MSparkplug.Lwm2mServer.Events;

/// <summary>
/// A named consumer's place in the event log. <see cref="Delivered"/> is the last sequence handed out;
/// <see cref="Committed"/> the last one the consumer acknowledged, which for a consumer that does not acknowledge is
/// the same. An acknowledging consumer that does not acknowledge what it was handed within the timeout is handed it
/// again from <see cref="Committed"/> on: at least once, whatever happened to it meanwhile. Pure.
/// </summary>
public readonly record struct ConsumerCursor(long Committed, long Delivered, DateTimeOffset DeliveredAt)
{
    /// <summary>Where the next read starts, and whether it hands out again what was delivered and never acknowledged.</summary>
    public (long After, bool Redelivers) NextRead(DateTimeOffset now, TimeSpan? acknowledgementTimeout) =>
        acknowledgementTimeout is { } timeout && Delivered > Committed && now - DeliveredAt >= timeout
            ? (Committed, true)
            : (Delivered, false);

    /// <summary>
    /// After a read that reached <paramref name="last"/> (<paramref name="handedOut"/>: it returned events) while
    /// <paramref name="oldest"/> was the oldest event kept. Without acknowledgements what was read counts as taken; with
    /// them, the wait for the acknowledgement starts again with every read that hands something out. Events that fell
    /// out of the buffer unacknowledged cannot be handed out again (the read counted them missed).
    /// </summary>
    public ConsumerCursor Delivering(long last, bool handedOut, long oldest, DateTimeOffset now, bool acknowledges)
    {
        if (!acknowledges)
        {
            return new ConsumerCursor(last, last, now);
        }
        return new ConsumerCursor(Math.Max(Committed, Math.Min(last, oldest - 1)), last, handedOut ? now : DeliveredAt);
    }

    /// <summary>After the consumer acknowledged everything up to <paramref name="sequence"/>; an older acknowledgement changes nothing.</summary>
    public ConsumerCursor Acknowledging(long sequence) =>
        sequence <= Committed ? this : this with { Committed = sequence, Delivered = Math.Max(Delivered, sequence) };
}
