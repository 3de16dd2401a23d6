namespace LwM2MSparkplug.Protocols.Sparkplug.Edge;

/// <summary>
/// The result of <see cref="EdgeNode.Receive"/>: a decision, not an exception. For a command, <see cref="Reason"/> is
/// why the first rejected write was rejected.
/// </summary>
public readonly record struct EdgeNodeReceipt(EdgeNodeReceiptKind Kind, EdgeNodeReason Reason = EdgeNodeReason.None, int WritesApplied = 0, int WritesRejected = 0)
{
    public static readonly EdgeNodeReceipt NotSparkplug = new(EdgeNodeReceiptKind.NotSparkplug);

    public static EdgeNodeReceipt Ignored(EdgeNodeReason reason) => new(EdgeNodeReceiptKind.Ignored, reason);

    public static EdgeNodeReceipt Invalid(EdgeNodeReason reason) => new(EdgeNodeReceiptKind.Invalid, reason);
}
