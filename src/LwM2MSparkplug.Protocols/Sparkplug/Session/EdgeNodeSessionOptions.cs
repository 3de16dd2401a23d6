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
}
