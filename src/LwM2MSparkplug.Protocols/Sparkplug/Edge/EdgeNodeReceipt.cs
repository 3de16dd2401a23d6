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

/// <summary>Why a message, or one write in it, was ignored, refused or invalid. Used as a metric label.</summary>
public enum EdgeNodeReason
{
    None,
    InvalidTopic,
    NotAddressed,
    UnknownDevice,
    NotPrimaryHost,
    InvalidState,
    StaleState,
    NotBorn,
    EmptyPayload,
    PayloadTooLarge,
    MalformedProtobuf,
    UnknownMetric,
    NotWritable,
    InvalidValue,
    /// <summary>The application's own policy refused the value (<see cref="IEdgeNodeMetricSource.TryWrite"/>).</summary>
    Refused,
}

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
