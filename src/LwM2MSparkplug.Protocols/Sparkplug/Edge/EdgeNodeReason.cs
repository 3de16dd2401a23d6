namespace LwM2MSparkplug.Protocols.Sparkplug.Edge;

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
