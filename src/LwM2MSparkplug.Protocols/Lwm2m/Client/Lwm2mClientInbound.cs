using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>A message decoded by an <see cref="ILwm2mClientDialect"/>, in the dialect-neutral terms of the client.</summary>
public sealed record Lwm2mClientInbound(Lwm2mClientInboundKind Kind)
{
    public static readonly Lwm2mClientInbound NotLwm2m = new(Lwm2mClientInboundKind.NotLwm2m);
    public static readonly Lwm2mClientInbound Echo = new(Lwm2mClientInboundKind.Echo);

    /// <summary>The dialect's handle for the request (a request id or a token); answers carry it back.</summary>
    public string? Correlation { get; init; }

    public Lwm2mClientRequest? Request { get; init; }

    /// <summary>Acknowledgements: the server's result code. Invalid requests: the code to answer with (null: 4.00).</summary>
    public Lwm2mResultCode? Code { get; init; }

    /// <summary>Register acknowledgement: the registration's id, if the dialect carries one.</summary>
    public string? RegistrationId { get; init; }

    /// <summary>Why an invalid message is invalid, or the server's error text of an acknowledgement.</summary>
    public string? Error { get; init; }

    /// <summary>For invalid messages: the kind of fault, as a metric label.</summary>
    public Lwm2mClientReason Reason { get; init; }
}
