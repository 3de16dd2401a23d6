using System.Text.Json;

namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>
/// A device's answer on <c>lwm2m/{ep}/resp/{requestId}</c>; also the shape of registration acknowledgements
/// (with <see cref="RegistrationId"/>), and, without a code, of Notify and Send bodies.
/// </summary>
public sealed record Lwm2mResponse(Lwm2mResultCode? Code)
{
    public Lwm2mContentFormat? Format { get; init; }
    public JsonElement? Payload { get; init; }
    public string? Error { get; init; }

    /// <summary>Create: the path of the new instance.</summary>
    public string? Location { get; init; }

    /// <summary>Register acknowledgement: the registration's id.</summary>
    public string? RegistrationId { get; init; }

    public static Lwm2mResponse Failure(Lwm2mResultCode code, string error) => new(code) { Error = error };
}
