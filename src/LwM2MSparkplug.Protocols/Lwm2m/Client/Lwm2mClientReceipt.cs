using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>What an <see cref="Lwm2mClient"/> made of a received message.</summary>
public enum Lwm2mClientReceiptKind
{
    /// <summary>Not on one of the dialect's client topics: another protocol's message.</summary>
    NotLwm2m,
    /// <summary>A request, answered with <see cref="Lwm2mClientReceipt.Code"/>.</summary>
    Request,
    /// <summary>An acknowledgement of the Register or Update the client had sent.</summary>
    Acknowledgement,
    /// <summary>Valid, but not expected in the current state (see the reason); no effect.</summary>
    Ignored,
    /// <summary>Unreadable (see the reason); a request is answered 4.00.</summary>
    Invalid,
}

/// <summary>Why a message was ignored or invalid. Used as a metric label.</summary>
public enum Lwm2mClientReason
{
    None,
    MalformedRequest,
    MalformedAcknowledgement,
    /// <summary>Larger than <see cref="Lwm2mClientOptions.MaxMessageBytes"/>; not parsed.</summary>
    PayloadTooLarge,
    /// <summary>An acknowledgement of a Register or Update the client had not sent, or was not waiting for.</summary>
    UnexpectedAcknowledgement,
}

/// <summary>The result of <see cref="Lwm2mClient.Receive"/>: a decision, not an exception.</summary>
public readonly record struct Lwm2mClientReceipt(
    Lwm2mClientReceiptKind Kind,
    Lwm2mOperation? Operation = null,
    Lwm2mResultCode? Code = null,
    Lwm2mClientReason Reason = Lwm2mClientReason.None)
{
    public static readonly Lwm2mClientReceipt NotLwm2m = new(Lwm2mClientReceiptKind.NotLwm2m);
}
