namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>Why a payload is not a message of the binding. Used as a metric label.</summary>
public enum OmaEnvelopeError
{
    None,
    /// <summary>Not well-formed CBOR (or a duplicate key, or text that is not UTF-8).</summary>
    MalformedCbor,
    /// <summary>The top level is not a map.</summary>
    NotAMap,
    /// <summary>A key is not an unsigned integer.</summary>
    InvalidKey,
    /// <summary>A known key holds a value of the wrong type or out of its range.</summary>
    InvalidValue,
    /// <summary>Bytes follow the map.</summary>
    TrailingBytes,
    /// <summary>No token (key 2).</summary>
    MissingToken,
    /// <summary>Neither an operation (key 1) nor a result (key 18): or both.</summary>
    NeitherRequestNorResponse,
    /// <summary>An operation code the topic does not assign.</summary>
    UnknownOperation,
    /// <summary>An end-to-end protected (COSE) message, which this implementation does not decrypt.</summary>
    Protected,
}
