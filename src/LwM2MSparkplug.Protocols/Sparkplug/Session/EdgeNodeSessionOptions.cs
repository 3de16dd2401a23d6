namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>Host-side sequence handling for one edge node.</summary>
public sealed record EdgeNodeSessionOptions
{
    /// <summary>
    /// How long a gap in <c>seq</c> may stay open before the host requests a rebirth
    /// (Sparkplug 3.0 §5.x "Message Ordering", the Reorder Timeout). Zero asks for a rebirth at once.
    /// </summary>
    public TimeSpan ReorderTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages held while a gap is open; one more releases them and asks for a rebirth.</summary>
    public int MaxBufferedMessages { get; init; } = 256;

    /// <summary>
    /// Devices the host keeps per edge node. A DBIRTH of one more is refused (counted, never a rebirth request, so a
    /// node that births more devices than this cannot start a rebirth loop); the node and its known devices go on.
    /// </summary>
    public int MaxDevices { get; init; } = 10_000;

    /// <summary>
    /// Values sent with <c>is_historical</c> kept per metric, the newest by timestamp; 0 keeps none. They never become
    /// the current value either way. A new birth starts every metric's history over.
    /// </summary>
    public int MaxHistoricalValues { get; init; } = 10;
}
