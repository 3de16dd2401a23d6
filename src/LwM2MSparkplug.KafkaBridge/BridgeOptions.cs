using LwM2MSparkplug.KafkaBridge.Records;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.KafkaBridge;

/// <summary>MQTT-to-Kafka bridge settings. Section <c>Bridge</c>; Kafka client settings are in section <c>Kafka</c>.</summary>
public sealed class BridgeOptions
{
    public const string SectionName = "Bridge";

    /// <summary>MQTT client id; it names the persistent session, so each replica needs its own. Unset: <c>mqtt-kafka-bridge-{host name}</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Replicas with the same group share the load through <c>$share/{group}/…</c> subscriptions (Mosquitto, HiveMQ,
    /// EMQX). Empty: plain subscriptions (one bridge, or a broker without shared subscriptions).
    /// </summary>
    public string? SharedSubscriptionGroup { get; set; } = "kafka-bridge";

    /// <summary>Routes as <c>filter=topic;filter=topic</c>; unset: the documented defaults.</summary>
    public string? Routes { get; set; }

    public const string DefaultDeadLetterTopic = "iot.telemetry.deadletter";

    public string DeadLetterTopic { get; set; } = DefaultDeadLetterTopic;

    public SparkplugValueFormat SparkplugFormat { get; set; } = SparkplugValueFormat.Json;

    /// <summary>The LwM2M server's key for the OMA binding's topic prefix, which the bridge reads too: both must agree.</summary>
    public const string OmaPrefixKey = "Lwm2mServer:OmaPrefix";

    /// <summary>
    /// The OMA binding's topic prefix: <c>Lwm2mServer:OmaPrefix</c> (<c>LWM2M_OMA_PREFIX</c>), copied in at start;
    /// empty for none. The bridge reads <c>[prefix/]lwm2m/rd/+</c>.
    /// </summary>
    public string? OmaPrefix { get; set; }

    /// <summary>
    /// Records sent to Kafka and not yet confirmed. At the bound the bridge stops reading from MQTT; for QoS 1 the
    /// broker also stops sending (MQTT 5 receive maximum). Raise it for throughput; memory grows with it.
    /// </summary>
    public int MaxInFlight { get; set; } = 10_000;

    /// <summary>How long the broker keeps the bridge's session (and its unacknowledged messages) while it is away.</summary>
    public int SessionExpirySeconds { get; set; } = 86_400;

    /// <summary>Larger MQTT payloads go to the dead-letter topic.</summary>
    public int MaxPayloadBytes { get; set; } = 900 * 1024;

    /// <summary>
    /// A dead letter carries at most this many bytes of its payload (with the full size and SHA-256 in headers), so
    /// Kafka accepts it however large the payload was. Raise it to keep more of malformed payloads for diagnosis;
    /// keep it well under Kafka's <c>message.max.bytes</c>.
    /// </summary>
    public int DeadLetterExcerptBytes { get; set; } = 16 * 1024;

    /// <summary>How often Kafka reachability is checked for <c>/api/health</c>.</summary>
    public double KafkaProbeIntervalSeconds { get; set; } = 5;

    /// <summary>On shutdown, how long to wait for Kafka to confirm what is in flight; the rest stays unacknowledged at the broker.</summary>
    public double ShutdownFlushSeconds { get; set; } = 10;

    public string EffectiveClientId => ClientId ?? $"mqtt-kafka-bridge-{Environment.MachineName.ToLowerInvariant()}";

    public TopicRouter CreateRouter() => new(EffectiveRoutes, OmaPrefix);

    public IReadOnlyList<TopicRoute> EffectiveRoutes =>
        Routes is null ? TopicRouter.DefaultRoutes : TopicRouter.TryParse(Routes, out var routes, out _) ? routes : TopicRouter.DefaultRoutes;

    public sealed class Validator : IValidateOptions<BridgeOptions>
    {
        public ValidateOptionsResult Validate(string? name, BridgeOptions options)
        {
            var problems = new ConfigurationProblems(KafkaBridgeSettings.Group);
            if (options.Routes is not null && !TopicRouter.TryParse(options.Routes, out _, out var error))
            {
                problems.Add("Bridge:Routes", $"{error}; write routes as 'spBv1.0/#=iot.telemetry.sparkplug.data;lwm2m/+/reg=iot.telemetry.lwm2m.registration'.");
            }
            if (OmaTopic.ValidatePrefix(options.OmaPrefix) != OmaTopicError.None)
            {
                problems.Add(OmaPrefixKey, $"(LWM2M_OMA_PREFIX) '{options.OmaPrefix}' is not a topic prefix: use topic levels without '+' or '#' and no empty level (e.g. tenant-a), or leave it empty.");
            }
            if (!TopicRouter.IsValidKafkaTopic(options.DeadLetterTopic ?? string.Empty))
            {
                problems.Add("Bridge:DeadLetterTopic", $"'{options.DeadLetterTopic}' is not a valid Kafka topic name.");
            }
            if (options.SharedSubscriptionGroup is { Length: > 0 } group && group.AsSpan().IndexOfAny('/', '+', '#') >= 0)
            {
                problems.Add("Bridge:SharedSubscriptionGroup", $"'{group}' must not contain '/', '+' or '#'.");
            }
            problems.RequireRange("Bridge:MaxInFlight", options.MaxInFlight, 1, 1_000_000);
            problems.RequireRange("Bridge:SessionExpirySeconds", options.SessionExpirySeconds, 1, uint.MaxValue);
            problems.RequireRange("Bridge:MaxPayloadBytes", options.MaxPayloadBytes, 64, 100 * 1024 * 1024);
            // Half of Kafka's default message.max.bytes leaves room for the key and headers.
            problems.RequireRange("Bridge:DeadLetterExcerptBytes", options.DeadLetterExcerptBytes, 0, 512 * 1024);
            problems.RequirePositive("Bridge:KafkaProbeIntervalSeconds", options.KafkaProbeIntervalSeconds);
            problems.RequirePositive("Bridge:ShutdownFlushSeconds", options.ShutdownFlushSeconds);
            return problems.ToResult();
        }
    }
}
