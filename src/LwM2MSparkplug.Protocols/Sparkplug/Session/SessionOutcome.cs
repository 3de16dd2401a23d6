using LwM2MSparkplug.Protocols.Sparkplug.Payloads;

namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>What the host did with a message.</summary>
public enum SessionOutcomeKind
{
    /// <summary>Applied to the session (possibly together with messages it released from the reorder buffer).</summary>
    Accepted,
    /// <summary>Held back because it arrived ahead of a missing seq; the reorder timer runs.</summary>
    Buffered,
    /// <summary>Valid on the wire but not acted on (e.g. an NDEATH whose bdSeq is not the current session's).</summary>
    Ignored,
    /// <summary>Not a valid message for its topic; counted as invalid.</summary>
    Rejected,
}

/// <summary>Why the host asks an edge node to rebirth (Sparkplug 3.0 §5.10 "Receive Data").</summary>
public enum RebirthReason
{
    None,
    DataBeforeBirth,
    SeqGap,
    UnknownAlias,
    UnknownMetric,
    DuplicateAlias,
}

/// <summary>Why a message was ignored or rejected. Used as a metric label.</summary>
public enum SessionReason
{
    None,
    StaleDeath,
    DeathWhileOffline,
    /// <summary>The seq of the last message applied, or of one already held for a gap.</summary>
    DuplicateSeq,
    /// <summary>A seq the session has already passed (applied, or given up when a gap expired): a late copy.</summary>
    LateSeq,
    MissingSeq,
    InvalidSeq,
    MissingBdSeq,
    MissingTimestamp,
    UnexpectedMessageType,
}

/// <summary>
/// The result of <see cref="EdgeNodeSession.Apply"/> or <see cref="EdgeNodeSession.Expire"/>: a decision, not an exception.
/// </summary>
/// <remarks>
/// <see cref="Rebirth"/> can be set on any kind: an NDATA with one unknown alias is still accepted for its other metrics.
/// <see cref="InvalidValues"/> lists metric values that could not be read; those metrics were skipped.
/// <see cref="AppliedMessages"/> counts messages applied, including ones released from the reorder buffer.
/// <see cref="RefusedDevices"/> counts device messages refused because the node has <see cref="EdgeNodeSessionOptions.MaxDevices"/> devices.
/// <see cref="HistoricalValues"/> counts metric values sent with <c>is_historical</c>: kept in the metric's history, not applied as its value.
/// </remarks>
public readonly record struct SessionOutcome(
    SessionOutcomeKind Kind,
    RebirthReason Rebirth = RebirthReason.None,
    SessionReason Reason = SessionReason.None,
    IReadOnlyList<MetricValueError>? InvalidValues = null,
    int AppliedMessages = 0,
    int RefusedDevices = 0,
    int HistoricalValues = 0)
{
    public bool RequiresRebirth => Rebirth != RebirthReason.None;
}
