namespace LwM2MSparkplug.Standalone.Broker.Access;

/// <summary>
/// Which topics each identity may publish to and subscribe to when the embedded broker requires authentication: the
/// rules of the Compose stack's Mosquitto ACLs (<c>mosquitto/acl-devices</c> for devices, <c>mosquitto/acl</c> for the
/// password accounts). A subscription is allowed when a read rule covers its whole filter, so every message it can
/// match is one the client may read. Pure: no I/O, no state.
/// </summary>
public static class TopicAccessPolicy
{
    const string SharedSubscriptionPrefix = "$share/";

    /// <summary>A device's one topic of the OMA MQTT binding, both ways; under the binding's prefix, if any (see <see cref="WithoutOmaPrefix"/>).</summary>
    const string OmaDeviceTopic = "lwm2m/rd/%c";

    /// <summary>Every device's OMA topic, for the LwM2M server: it reads the devices' requests and answers, and writes its own.</summary>
    const string OmaServerTopics = "lwm2m/rd/+";

    /// <summary>Host application STATE: devices read it (an edge node waits for its primary host), only the Sparkplug host publishes it.</summary>
    static readonly TopicPattern State = new("spBv1.0/STATE/+");

    static readonly TopicPattern[] DeviceWrite = Patterns(
        "lwm2m/%c/reg", "lwm2m/%c/update", "lwm2m/%c/dereg", "lwm2m/%c/resp/+", "lwm2m/%c/notify/+", "lwm2m/%c/send", "lwm2m/%c/send/+",
        OmaDeviceTopic,
        "spBv1.0/+/NBIRTH/%c", "spBv1.0/+/NDATA/%c", "spBv1.0/+/NDEATH/%c",
        "spBv1.0/+/DBIRTH/%c/+", "spBv1.0/+/DDATA/%c/+", "spBv1.0/+/DDEATH/%c/+");

    static readonly TopicPattern[] DeviceRead = Patterns(
        "lwm2m/%c/cmd/+", "lwm2m/%c/reg/ack", "lwm2m/%c/update/ack", "lwm2m/%c/dereg/ack", "lwm2m/%c/send/+/ack",
        OmaDeviceTopic,
        "spBv1.0/+/NCMD/%c", "spBv1.0/+/DCMD/%c/+", State.Text);

    static readonly TopicPattern[] Lwm2mServerRead = Patterns(
        "lwm2m/+/reg", "lwm2m/+/update", "lwm2m/+/dereg", "lwm2m/+/resp/#", "lwm2m/+/notify/#", "lwm2m/+/send", "lwm2m/+/send/+",
        OmaServerTopics, "spBv1.0/+/NBIRTH/+", "spBv1.0/+/NDEATH/+");

    static readonly TopicPattern[] Lwm2mServerWrite = Patterns("lwm2m/+/reg/ack", "lwm2m/+/update/ack", "lwm2m/+/dereg/ack", "lwm2m/+/send/+/ack", "lwm2m/+/cmd/+", OmaServerTopics);

    static readonly TopicPattern[] SparkplugHostRead = Patterns("spBv1.0/#");

    static readonly TopicPattern[] SparkplugHostWrite = Patterns("spBv1.0/STATE/+", "spBv1.0/+/NCMD/+", "spBv1.0/+/DCMD/+/+");

    static readonly TopicPattern[] KafkaBridgeRead = Patterns("spBv1.0/#", "lwm2m/#");

    static readonly TopicPattern[] MonitorRead = Patterns("#", "$SYS/#");

    /// <summary>
    /// Whether <paramref name="identity"/> may publish to <paramref name="topic"/>, and if not, why; <paramref name="omaPrefix"/>
    /// is the OMA binding's topic prefix (<c>LWM2M_OMA_PREFIX</c>).
    /// </summary>
    public static TopicAccess MayPublish(ClientIdentity identity, string topic, string? omaPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var levels = WithoutOmaPrefix(topic, omaPrefix).Split('/');
        var rules = identity.Role switch
        {
            ClientRole.Device => DeviceWrite,
            ClientRole.Lwm2mServer => Lwm2mServerWrite,
            ClientRole.SparkplugHost => SparkplugHostWrite,
            _ => [],
        };
        if (Covered(rules, levels, identity))
        {
            return TopicAccess.Allowed;
        }
        return State.Covers(levels, null) ? TopicAccess.StateReservedForHost : Refusal(identity, DeviceWrite, levels);
    }

    /// <summary>Whether <paramref name="identity"/> may subscribe to <paramref name="filter"/>, and if not, why.</summary>
    public static TopicAccess MaySubscribe(ClientIdentity identity, string filter, string? omaPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var levels = WithoutOmaPrefix(Unshared(filter), omaPrefix).Split('/');
        var rules = identity.Role switch
        {
            ClientRole.Device => DeviceRead,
            ClientRole.Lwm2mServer => Lwm2mServerRead,
            ClientRole.SparkplugHost => SparkplugHostRead,
            ClientRole.KafkaBridge => KafkaBridgeRead,
            ClientRole.Monitor => MonitorRead,
            _ => [],
        };
        return Covered(rules, levels, identity) ? TopicAccess.Allowed : Refusal(identity, DeviceRead, levels);
    }

    /// <summary>
    /// Whether <paramref name="filter"/> is one a device subscribes to for its own topics: a device read rule with one
    /// id (a literal level) in place of <c>%c</c>, or one host's STATE. Whoever subscribes it, such a filter reaches one
    /// device's topics only, so the broker routes it through its own index (see <see cref="Routing.OwnTopicRouter"/>).
    /// </summary>
    public static bool IsOwnTopicFilter(string filter, string? omaPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.StartsWith(SharedSubscriptionPrefix, StringComparison.Ordinal) || filter.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }
        var levels = WithoutOmaPrefix(filter, omaPrefix).Split('/');
        return DeviceRead.Any(rule => rule.IdLevel is { } id
            ? id < levels.Length && levels[id] != "+" && rule.Covers(levels, levels[id])
            : rule.Text == State.Text && levels.Length == 3 && levels[2] != "+" && rule.Covers(levels, null));
    }

    static bool Covered(TopicPattern[] rules, string[] levels, ClientIdentity identity) =>
        rules.Any(rule => rule.Covers(levels, identity.Name));

    /// <summary>A device refused a topic that a device rule allows for some other id: it reached for another device's topic.</summary>
    static TopicAccess Refusal(ClientIdentity identity, TopicPattern[] deviceRules, string[] levels) =>
        identity.Role == ClientRole.Device && deviceRules.Any(rule => rule.Covers(levels, clientId: null))
            ? TopicAccess.NotOwnTopic
            : TopicAccess.NotPermitted;

    /// <summary>An OMA binding topic under the deployment's prefix has the rights of the same topic without it.</summary>
    static string WithoutOmaPrefix(string topic, string? omaPrefix) =>
        !string.IsNullOrEmpty(omaPrefix) && topic.Length > omaPrefix.Length + 1 && topic.StartsWith(omaPrefix, StringComparison.Ordinal)
            && topic[omaPrefix.Length] == '/' && topic.AsSpan(omaPrefix.Length + 1).StartsWith("lwm2m/", StringComparison.Ordinal)
            ? topic[(omaPrefix.Length + 1)..]
            : topic;

    /// <summary>The filter of a shared subscription (<c>$share/{group}/{filter}</c>), whose rights are those of the filter.</summary>
    static string Unshared(string filter)
    {
        if (!filter.StartsWith(SharedSubscriptionPrefix, StringComparison.Ordinal))
        {
            return filter;
        }
        var groupEnd = filter.IndexOf('/', SharedSubscriptionPrefix.Length);
        return groupEnd < 0 ? filter : filter[(groupEnd + 1)..];
    }

    static TopicPattern[] Patterns(params string[] patterns) => [.. patterns.Select(pattern => new TopicPattern(pattern))];
}
