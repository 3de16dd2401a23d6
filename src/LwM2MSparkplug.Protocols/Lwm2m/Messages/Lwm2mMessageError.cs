namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>Why an LwM2M registration message (of either dialect) was rejected. Used as the <c>reason</c> metric label.</summary>
public enum Lwm2mMessageError
{
    None,
    PayloadTooLarge,
    MalformedJson,
    NotAnObject,
    MissingField,
    WrongFieldType,
    EndpointMismatch,
    InvalidLifetime,
    UnsupportedVersion,
    InvalidBindingMode,
    InvalidObjects,
    InvalidUtf8,
    UnexpectedField,
    /// <summary>A Register of the OMA binding without an object list (answered 409).</summary>
    NoObjectList,
    /// <summary>An endpoint name the other dialect's topics use (see docs/lwm2m-over-mqtt.md).</summary>
    ReservedEndpoint,
}

/// <summary>A rejected message: the reason and a sentence naming the field and what was wrong.</summary>
public readonly record struct Lwm2mParseError(Lwm2mMessageError Reason, string Detail)
{
    public static readonly Lwm2mParseError None = new(Lwm2mMessageError.None, string.Empty);
    public bool IsError => Reason != Lwm2mMessageError.None;
    public override string ToString() => $"{Reason}: {Detail}";
}
