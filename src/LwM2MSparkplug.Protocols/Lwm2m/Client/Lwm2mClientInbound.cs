using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>What a dialect found in a message for the client.</summary>
public enum Lwm2mClientInboundKind
{
    /// <summary>Not one of this dialect's client topics.</summary>
    NotLwm2m,
    /// <summary>A well-formed request, to be answered under <see cref="Lwm2mClientInbound.Correlation"/>.</summary>
    Request,
    /// <summary>A request that cannot be read; it is answered 4.00 under its correlation.</summary>
    InvalidRequest,
    /// <summary>The server's answer to a Register.</summary>
    RegisterAcknowledgement,
    /// <summary>The server's answer to an Update.</summary>
    UpdateAcknowledgement,
    /// <summary>On a client topic but unreadable, with nothing to answer; see <see cref="Lwm2mClientInbound.Error"/>.</summary>
    Invalid,
}

/// <summary>A message decoded by an <see cref="ILwm2mClientDialect"/>, in the dialect-neutral terms of the client.</summary>
public sealed record Lwm2mClientInbound(Lwm2mClientInboundKind Kind)
{
    public static readonly Lwm2mClientInbound NotLwm2m = new(Lwm2mClientInboundKind.NotLwm2m);

    /// <summary>The dialect's handle for the request (a request id or a token); answers carry it back.</summary>
    public string? Correlation { get; init; }

    public Lwm2mClientRequest? Request { get; init; }

    /// <summary>Acknowledgements: the server's result code.</summary>
    public Lwm2mResultCode? Code { get; init; }

    /// <summary>Register acknowledgement: the registration's id, if the dialect carries one.</summary>
    public string? RegistrationId { get; init; }

    /// <summary>Why an invalid message is invalid, or the server's error text of an acknowledgement.</summary>
    public string? Error { get; init; }

    /// <summary>For invalid messages: the kind of fault, as a metric label.</summary>
    public Lwm2mClientReason Reason { get; init; }
}
