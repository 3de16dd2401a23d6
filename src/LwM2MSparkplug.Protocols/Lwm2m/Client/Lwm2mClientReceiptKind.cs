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
    /// <summary>Unreadable (see the reason); a request is answered with <see cref="Lwm2mClientReceipt.Code"/>.</summary>
    Invalid,
    /// <summary>The client's own publication delivered back to it (see <see cref="Lwm2mClientInboundKind.Echo"/>); no effect.</summary>
    Echo,
}
