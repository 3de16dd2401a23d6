namespace LwM2MSparkplug.Protocols.Sparkplug.Edge;

/// <summary>What an <see cref="EdgeNode"/> made of a received message.</summary>
public enum EdgeNodeReceiptKind
{
    /// <summary>Not a Sparkplug topic: another protocol's message.</summary>
    NotSparkplug,
    /// <summary>An NCMD rebirth request; births were republished.</summary>
    Rebirth,
    /// <summary>An NCMD or DCMD with metric writes; see the counts.</summary>
    Command,
    /// <summary>The primary host's STATE.</summary>
    State,
    /// <summary>Valid, but nothing to do in the current state (see <see cref="EdgeNodeReceipt.Reason"/>).</summary>
    Ignored,
    /// <summary>Not a valid message for its topic (see <see cref="EdgeNodeReceipt.Reason"/>).</summary>
    Invalid,
}
