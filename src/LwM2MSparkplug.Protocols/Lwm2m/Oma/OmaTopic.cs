namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// A topic of OMA's LwM2M 1.2 MQTT binding (Transport §8.2): <c>[prefix/]lwm2m/rd/{endpoint}</c> for registration,
/// device management, reporting and Send, <c>[prefix/]lwm2m/bs/{endpoint}</c> for bootstrap. One topic per endpoint
/// carries both directions; the LwM2M path travels in the envelope, never in the topic.
/// </summary>
public readonly record struct OmaTopic
{
    public const string Root = "lwm2m";

    OmaTopic(string? prefix, OmaInterface @interface, string endpoint)
    {
        Prefix = prefix;
        Interface = @interface;
        Endpoint = endpoint;
    }

    /// <summary>The deployment's topic prefix (one or more levels, e.g. a tenant), or null for none.</summary>
    public string? Prefix { get; }

    public OmaInterface Interface { get; }

    public string Endpoint { get; }

    public static OmaTopic Create(string? prefix, OmaInterface @interface, string endpoint)
    {
        if (ValidatePrefix(prefix) != OmaTopicError.None)
        {
            throw new ArgumentException($"'{prefix}' is not a topic prefix: it must be non-empty levels without '+' or '#'.", nameof(prefix));
        }
        if (Mqtt.Lwm2mTopic.ValidateEndpoint(endpoint) != Mqtt.Lwm2mTopicError.None)
        {
            throw new ArgumentException($"'{endpoint}' is not a valid endpoint name: it must be 1..{Mqtt.Lwm2mTopic.MaxEndpointLength} characters without '+', '/' or '#'.", nameof(endpoint));
        }
        return new OmaTopic(string.IsNullOrEmpty(prefix) ? null : prefix, @interface, endpoint);
    }

    /// <summary>The filter a server (or bootstrap server) subscribes to for every endpoint of an interface.</summary>
    public static string FilterFor(string? prefix, OmaInterface @interface) => $"{Rooted(prefix)}/{Segment(@interface)}/+";

    /// <summary>
    /// Parses a topic of the binding under <paramref name="prefix"/>. Topics with levels below the endpoint, an
    /// empty endpoint or one with a wildcard are refused (the server's subscription would deliver them).
    /// </summary>
    public static bool TryParse(string topic, string? prefix, out OmaTopic result, out OmaTopicError error)
    {
        ArgumentNullException.ThrowIfNull(topic);
        result = default;
        var root = Rooted(prefix) + "/";
        if (!topic.StartsWith(root, StringComparison.Ordinal))
        {
            error = OmaTopicError.NotOma;
            return false;
        }
        var rest = topic.AsSpan(root.Length);
        var slash = rest.IndexOf('/');
        if (slash < 0)
        {
            error = OmaTopicError.NotOma;
            return false;
        }
        OmaInterface? @interface = rest[..slash] switch
        {
            "rd" => OmaInterface.Registration,
            "bs" => OmaInterface.Bootstrap,
            _ => null,
        };
        if (@interface is not { } known)
        {
            error = OmaTopicError.NotOma;
            return false;
        }
        var endpoint = rest[(slash + 1)..];
        if (Mqtt.Lwm2mTopic.ValidateEndpoint(endpoint) != Mqtt.Lwm2mTopicError.None)
        {
            error = OmaTopicError.InvalidEndpoint;
            return false;
        }
        error = OmaTopicError.None;
        result = new OmaTopic(string.IsNullOrEmpty(prefix) ? null : prefix, known, endpoint.ToString());
        return true;
    }

    /// <summary>Null and empty mean no prefix; otherwise levels without wildcards and no empty level.</summary>
    public static OmaTopicError ValidatePrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return OmaTopicError.None;
        }
        return prefix.IndexOfAny(['+', '#']) >= 0 || prefix.Split('/').Any(string.IsNullOrEmpty)
            ? OmaTopicError.InvalidPrefix
            : OmaTopicError.None;
    }

    public override string ToString() => $"{Rooted(Prefix)}/{Segment(Interface)}/{Endpoint}";

    static string Rooted(string? prefix) => string.IsNullOrEmpty(prefix) ? Root : $"{prefix}/{Root}";

    static string Segment(OmaInterface @interface) => @interface == OmaInterface.Bootstrap ? "bs" : "rd";
}
