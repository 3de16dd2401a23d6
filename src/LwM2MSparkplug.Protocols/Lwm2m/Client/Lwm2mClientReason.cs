namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>Why a message was ignored or invalid. Used as a metric label.</summary>
public enum Lwm2mClientReason
{
    None,
    MalformedRequest,
    MalformedAcknowledgement,
    /// <summary>Larger than <see cref="Lwm2mClientOptions.MaxMessageBytes"/>; not parsed.</summary>
    PayloadTooLarge,
    /// <summary>An acknowledgement of a Register, Update, De-register or Send the client had not sent, or was not waiting for.</summary>
    UnexpectedAcknowledgement,
    /// <summary>
    /// An acknowledgement whose code does not answer the request (a success other than 2.01 to a Register, 2.04 to an
    /// Update or a Send, 2.02 to a De-register).
    /// </summary>
    UnexpectedResultCode,
}
