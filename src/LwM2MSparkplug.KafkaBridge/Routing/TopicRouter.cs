using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using MQTTnet;

namespace LwM2MSparkplug.KafkaBridge.Routing;

/// <summary>
/// Maps an MQTT topic to its Kafka topic: the first route whose filter matches. The default routes, and the
/// compact form <c>filter=topic;filter=topic</c> used by <c>BRIDGE_ROUTES</c>. Messages of the OMA binding on
/// <c>[<paramref name="omaPrefix"/>/]lwm2m/rd/{ep}</c> are routed by their <see cref="OmaRoutingTopic"/> as well.
/// </summary>
public sealed class TopicRouter(IReadOnlyList<TopicRoute> routes, string? omaPrefix = null)
{
    public const string SparkplugTopic = "iot.telemetry.sparkplug.data";
    public const string RegistrationTopic = "iot.telemetry.lwm2m.registration";
    public const string UpdatesTopic = "iot.telemetry.lwm2m.updates";

    public static readonly IReadOnlyList<TopicRoute> DefaultRoutes =
    [
        new("spBv1.0/#", SparkplugTopic),
        new("lwm2m/+/reg", RegistrationTopic),
        new("lwm2m/+/dereg", RegistrationTopic),
        new("lwm2m/+/update", UpdatesTopic),
        new("lwm2m/+/send", UpdatesTopic),
        new("lwm2m/+/send/+", UpdatesTopic),
        new("lwm2m/+/notify/#", UpdatesTopic),
    ];

    /// <summary>The JSON contract's topics an OMA message can be routed as (see <see cref="OmaRoutingTopic"/>).</summary>
    static readonly string[] OmaRoutingFilters = ["lwm2m/+/reg", "lwm2m/+/dereg", "lwm2m/+/update", "lwm2m/+/send", "lwm2m/+/notify/+", "lwm2m/+/resp/+"];

    public IReadOnlyList<TopicRoute> Routes => routes;

    /// <summary>The OMA binding's topic prefix (<c>Lwm2mServer:OmaPrefix</c>), or null for none.</summary>
    public string? OmaPrefix { get; } = string.IsNullOrEmpty(omaPrefix) ? null : omaPrefix;

    /// <summary>
    /// What the bridge subscribes to: each route's filter once, and the OMA binding's <c>[prefix/]lwm2m/rd/+</c> when
    /// a route can take an OMA message (by its MQTT topic or its routing topic) and no route's filter already
    /// delivers that topic.
    /// </summary>
    public IReadOnlyList<string> SubscriptionFilters
    {
        get
        {
            var filters = routes.Select(route => route.Filter).Distinct(StringComparer.Ordinal).ToList();
            var omaFilter = OmaTopic.FilterFor(OmaPrefix, OmaInterface.Registration);
            var takesOma = filters.Any(filter => TopicFilters.Overlap(filter, omaFilter) || OmaRoutingFilters.Any(routing => TopicFilters.Overlap(filter, routing)));
            if (takesOma && !filters.Any(filter => TopicFilters.Covers(filter, omaFilter)))
            {
                filters.Add(omaFilter);
            }
            return filters;
        }
    }

    /// <summary>The Kafka topic for <paramref name="mqttTopic"/>, or null when no route matches.</summary>
    public string? Route(string mqttTopic)
    {
        foreach (var route in routes)
        {
            if (MqttTopicFilterComparer.Compare(mqttTopic, route.Filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                return route.Topic;
            }
        }
        return null;
    }

    /// <summary>
    /// The Kafka topic of an OMA binding message on <paramref name="mqttTopic"/>: the first route whose filter matches
    /// the MQTT topic itself or the message's <paramref name="routingTopic"/>; null when none does.
    /// </summary>
    public string? Route(string mqttTopic, Lwm2mTopic routingTopic)
    {
        var routing = routingTopic.ToString();
        foreach (var route in routes)
        {
            if (MqttTopicFilterComparer.Compare(mqttTopic, route.Filter) == MqttTopicFilterCompareResult.IsMatch
                || MqttTopicFilterComparer.Compare(routing, route.Filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                return route.Topic;
            }
        }
        return null;
    }

    /// <summary>Parses <c>spBv1.0/#=iot.sparkplug;lwm2m/+/reg=iot.reg</c>; false with a reason when malformed.</summary>
    public static bool TryParse(string text, out IReadOnlyList<TopicRoute> routes, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = new List<TopicRoute>();
        routes = parsed;
        error = string.Empty;
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = entry.LastIndexOf('=');
            if (separator <= 0 || separator == entry.Length - 1)
            {
                error = $"'{entry}' is not 'mqtt/filter=kafka.topic'";
                return false;
            }
            var filter = entry[..separator].Trim();
            var topic = entry[(separator + 1)..].Trim();
            if (!IsValidFilter(filter))
            {
                error = $"'{filter}' is not a valid MQTT topic filter";
                return false;
            }
            if (!IsValidKafkaTopic(topic))
            {
                error = $"'{topic}' is not a valid Kafka topic name (letters, digits, '.', '_', '-', at most 249)";
                return false;
            }
            parsed.Add(new TopicRoute(filter, topic));
        }
        if (parsed.Count == 0)
        {
            error = "no routes given";
            return false;
        }
        return true;
    }

    /// <summary>An MQTT topic filter: '+' fills a whole level, '#' only as the whole last level.</summary>
    public static bool IsValidFilter(string filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return false;
        }
        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if ((level.Contains('+', StringComparison.Ordinal) && level != "+")
                || (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1)))
            {
                return false;
            }
        }
        return true;
    }

    public static bool IsValidKafkaTopic(string topic) =>
        topic.Length is > 0 and <= 249 && topic is not "." and not ".."
        && topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
