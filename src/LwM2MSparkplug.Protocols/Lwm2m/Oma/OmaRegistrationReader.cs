using System.Text;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// Reads the binding's Register (operation 6) and Update (7) into the same requests the JSON contract's parser gives,
/// so one registration path serves both dialects (Transport §8.3.1, Core §6.2). Register needs key 8 lifetime and key
/// 9 version; key 10 binding defaults to <c>M</c>; key 7 is the CoRE link-format object list.
/// </summary>
public static class OmaRegistrationReader
{
    public static Lwm2mParseError TryReadRegister(string topicEndpoint, OmaMessage message, out RegisterRequest request)
    {
        ArgumentNullException.ThrowIfNull(message);
        request = null!;
        if (message.Endpoint is { } named && named != topicEndpoint)
        {
            return new(Lwm2mMessageError.EndpointMismatch, $"key 3 (ep) is '{named}' but the topic names '{topicEndpoint}'");
        }
        if (message.Lifetime is not { } seconds)
        {
            return new(Lwm2mMessageError.MissingField, "a Register needs key 8 (lifetime, in seconds)");
        }
        if (TryReadLifetime(seconds, out var lifetime) is { IsError: true } lifetimeError)
        {
            return lifetimeError;
        }
        if (message.Version is not { } version)
        {
            return new(Lwm2mMessageError.MissingField, "a Register needs key 9 (version, e.g. \"1.2\")");
        }
        if (Normalize(version) is not { } supported)
        {
            return new(Lwm2mMessageError.UnsupportedVersion, $"version {version} is not supported; use one of {string.Join(", ", Lwm2mMessageParser.SupportedVersions)}");
        }
        var binding = "M";
        if (message.Binding is { } letters && Lwm2mMessageParser.TryParseBindingMode(letters, "key 10 (b)", out binding) is { IsError: true } bindingError)
        {
            return bindingError;
        }
        if (message.Sms is { } sms && !RegisterRequest.IsMsisdn(sms))
        {
            return new(Lwm2mMessageError.WrongFieldType, "key 11 (sms) must be " + RegisterRequest.MsisdnForm);
        }
        if (message.Payload is null)
        {
            return new(Lwm2mMessageError.NoObjectList, "a Register needs key 7, the object list in CoRE link format (e.g. </1/0>,</3/0>)");
        }
        if (TryReadObjects(message, out var objects) is { IsError: true } objectsError)
        {
            return objectsError;
        }
        // The binding has no key for queue mode (note §4.1): a device of the binding is reachable while connected.
        request = new RegisterRequest(topicEndpoint, lifetime, supported, binding, objects) { Sms = message.Sms };
        return Lwm2mParseError.None;
    }

    public static Lwm2mParseError TryReadUpdate(OmaMessage message, out UpdateRequest request)
    {
        ArgumentNullException.ThrowIfNull(message);
        request = UpdateRequest.Empty;
        TimeSpan? lifetime = null;
        if (message.Lifetime is { } seconds)
        {
            if (TryReadLifetime(seconds, out var value) is { IsError: true } lifetimeError)
            {
                return lifetimeError;
            }
            lifetime = value;
        }
        string? binding = null;
        if (message.Binding is { } letters)
        {
            if (Lwm2mMessageParser.TryParseBindingMode(letters, "key 10 (b)", out var value) is { IsError: true } bindingError)
            {
                return bindingError;
            }
            binding = value;
        }
        Lwm2mObjectList? objects = null;
        if (message.Payload is not null)
        {
            if (TryReadObjects(message, out var value) is { IsError: true } objectsError)
            {
                return objectsError;
            }
            objects = value;
        }
        request = new UpdateRequest(lifetime, binding, objects);
        return Lwm2mParseError.None;
    }

    /// <summary>
    /// The result a refused Register or Update is answered with (Transport Tbl 8.5-x): 412 for an unsupported version,
    /// 409 without an object list, 403 for an endpoint name that may not register, 413 for too large, 400 otherwise.
    /// </summary>
    public static ushort ResultFor(Lwm2mMessageError error) => error switch
    {
        Lwm2mMessageError.UnsupportedVersion => 412,
        Lwm2mMessageError.NoObjectList => 409,
        Lwm2mMessageError.ReservedEndpoint => 403,
        Lwm2mMessageError.PayloadTooLarge => 413,
        _ => 400,
    };

    /// <summary>The supported version a Register names; a 1.2 patch release (<c>1.2.1</c>, <c>1.2.2</c>) is read as 1.2.</summary>
    static string? Normalize(string version)
    {
        if (Lwm2mMessageParser.SupportedVersions.Contains(version))
        {
            return version;
        }
        return version.StartsWith("1.2.", StringComparison.Ordinal) && version.Length > 4 && version.AsSpan(4).IndexOfAnyExceptInRange('0', '9') < 0 ? "1.2" : null;
    }

    static Lwm2mParseError TryReadLifetime(uint seconds, out TimeSpan lifetime)
    {
        lifetime = TimeSpan.FromSeconds(seconds);
        return seconds == 0
            ? new(Lwm2mMessageError.InvalidLifetime, "key 8 (lifetime) must be at least 1 second")
            : Lwm2mParseError.None;
    }

    static Lwm2mParseError TryReadObjects(OmaMessage message, out Lwm2mObjectList objects)
    {
        objects = Lwm2mObjectList.Empty;
        if (message.ContentFormat is { } format && format != (ushort)Lwm2mContentFormat.Link)
        {
            return new(Lwm2mMessageError.InvalidObjects, $"the object list is CoRE link format (key 19 absent or 40), not content format {format}");
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(message.Payload!.Value.Span);
        }
        catch (DecoderFallbackException)
        {
            return new(Lwm2mMessageError.InvalidUtf8, "the object list (key 7) is not UTF-8 text");
        }
        return Lwm2mMessageParser.TryParseObjectLinks(text, "key 7 (the object list)", out objects);
    }
}
