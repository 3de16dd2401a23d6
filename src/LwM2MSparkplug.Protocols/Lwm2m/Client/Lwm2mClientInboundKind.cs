namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>What a dialect found in a message for the client.</summary>
public enum Lwm2mClientInboundKind
{
    /// <summary>Not one of this dialect's client topics.</summary>
    NotLwm2m,
    /// <summary>A well-formed request, to be answered under <see cref="Lwm2mClientInbound.Correlation"/>.</summary>
    Request,
    /// <summary>
    /// A request that cannot be read; it is answered under its correlation with <see cref="Lwm2mClientInbound.Code"/>,
    /// 4.00 when that is null.
    /// </summary>
    InvalidRequest,
    /// <summary>The server's answer to a Register.</summary>
    RegisterAcknowledgement,
    /// <summary>The server's answer to an Update.</summary>
    UpdateAcknowledgement,
    /// <summary>The server's answer to a De-register.</summary>
    DeregisterAcknowledgement,
    /// <summary>The server's answer to the Send known by <see cref="Lwm2mClientInbound.Correlation"/>.</summary>
    SendAcknowledgement,
    /// <summary>On a client topic but unreadable, with nothing to answer; see <see cref="Lwm2mClientInbound.Error"/>.</summary>
    Invalid,
    /// <summary>
    /// The client's own publication (a request, or its answer to the server) delivered back to it: in a dialect with one
    /// topic for both directions the client is subscribed to what it publishes.
    /// </summary>
    Echo,
}
