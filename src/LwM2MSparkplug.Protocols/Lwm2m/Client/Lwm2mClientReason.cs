namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>Why a message was ignored or invalid. Used as a metric label.</summary>
public enum Lwm2mClientReason
{
    None,
    MalformedRequest,
    MalformedAcknowledgement,
    /// <summary>Larger than <see cref="Lwm2mClientOptions.MaxMessageBytes"/>; not parsed.</summary>
    PayloadTooLarge,
    /// <summary>A request with an operation code the dialect does not know (the OMA binding answers 5.01).</summary>
    UnknownOperation,
    /// <summary>Content, or a preferred format, in a content format the client does not read or write (answered 4.15).</summary>
    UnsupportedContentFormat,
    /// <summary>An acknowledgement of a Register, Update, De-register or Send the client had not sent, or was not waiting for.</summary>
    UnexpectedAcknowledgement,
    /// <summary>
    /// An acknowledgement whose code does not answer the request (a success other than 2.01 to a Register, 2.04 to an
    /// Update or a Send, 2.02 to a De-register).
    /// </summary>
    UnexpectedResultCode,
}
