using LwM2MSparkplug.ServiceDefaults.Configuration;

namespace LwM2MSparkplug.Lwm2mServer;

/// <summary>The LwM2M server's settings (<see cref="Lwm2mServerOptions"/>).</summary>
public static class Lwm2mServerSettings
{
    static readonly Lwm2mServerOptions Defaults = new();

    public static SettingGroup Group { get; } = new("LwM2M server",
    [
        new("LWM2M_EVENT_BUFFER_SIZE", "Lwm2mServer:EventBufferCapacity", "Events kept for /api/events; a poller further behind loses the oldest (counted).") { Default = Defaults.EventBufferCapacity },
        new("LWM2M_EXPIRY_CHECK_SECONDS", "Lwm2mServer:ExpiryCheckIntervalSeconds", "How often lifetimes are checked.") { Default = Defaults.ExpiryCheckIntervalSeconds },
        new("LWM2M_MAX_PAYLOAD_BYTES", "Lwm2mServer:MaxPayloadBytes", "Larger LwM2M messages are rejected unread and counted (lwm2m_invalid_messages_total{reason=\"payload_too_large\"}): in the JSON contract a Register or Update is answered …") { Default = Defaults.MaxPayloadBytes },
        new("LWM2M_MAX_REQUEST_BODY_BYTES", "Lwm2mServer:MaxRequestBodyBytes", "Largest REST request body (Write, Create, Execute, Write-Attributes); a larger one is answered 413 unread, naming the limit …") { Default = Defaults.MaxRequestBodyBytes },
        new("LWM2M_SERVER_CLIENT_ID", "Lwm2mServer:ClientId", "MQTT client id.") { Default = Defaults.ClientId },
        new("LWM2M_REQUEST_TIMEOUT_SECONDS", "Lwm2mServer:RequestTimeoutSeconds", "How long a REST operation waits for the device before answering 504, unless it gives ?timeout=.") { Default = Defaults.RequestTimeoutSeconds },
        new("LWM2M_MAX_REQUEST_TIMEOUT_SECONDS", "Lwm2mServer:MaxRequestTimeoutSeconds", "The longest ?timeout= a REST operation may give; a longer one is answered 400 naming this limit.") { Default = Defaults.MaxRequestTimeoutSeconds },
        new("LWM2M_QUEUE_MODE_AWAKE_SECONDS", "Lwm2mServer:QueueModeAwakeTimeSeconds", "How long a queue-mode device is taken to be awake after its last message (Register, Update, Send, Notify, response) …") { Default = Defaults.QueueModeAwakeTimeSeconds },
        new("LWM2M_MAX_QUEUED_REQUESTS_PER_DEVICE", "Lwm2mServer:MaxQueuedRequestsPerDevice", "Requests held per sleeping queue-mode device.") { Default = Defaults.MaxQueuedRequestsPerDevice },
        new("LWM2M_QUEUED_REQUEST_MAX_WAIT_SECONDS", "Lwm2mServer:QueuedRequestMaxWaitSeconds", "How long a held request waits for its device to wake; then it is dropped, recorded as a queued_request_expired event and counted (lwm2m_queued_requests_expired_total).") { Default = Defaults.QueuedRequestMaxWaitSeconds },
        new("LWM2M_EVENT_PAGE_SIZE", "Lwm2mServer:EventPageSize", "Most events returned by one /api/events call.") { Default = Defaults.EventPageSize },
        new("LWM2M_EVENTS_ACK_TIMEOUT_SECONDS", "Lwm2mServer:EventAckTimeoutSeconds", "How long an acknowledging consumer (/api/events?consumer=NAME&ack=true, Redpanda Connect in Compose) has to acknowledge what it was handed (POST /api/events/ack) before …") { Default = Defaults.EventAckTimeoutSeconds },
        new("LWM2M_MAX_REGISTRATIONS", "Lwm2mServer:MaxRegistrations", "Registrations the server keeps.") { Default = Defaults.MaxRegistrations },
        new("LWM2M_MIN_LIFETIME_SECONDS", "Lwm2mServer:MinLifetimeSeconds", "Shortest lifetime a Register or Update may ask for; a shorter one is answered 4.00.") { Default = Defaults.MinLifetimeSeconds },
        new("LWM2M_MAX_LIFETIME_SECONDS", "Lwm2mServer:MaxLifetimeSeconds", "Longest lifetime a Register or Update may ask for (7 days); a longer one is answered 4.00.") { Default = Defaults.MaxLifetimeSeconds },
        new("LWM2M_MAX_OBSERVATIONS_PER_DEVICE", "Lwm2mServer:MaxObservationsPerDevice", "Observations kept per device.") { Default = Defaults.MaxObservationsPerDevice },
        new("LWM2M_MODELS_DIR", "Lwm2mServer:ModelsDirectory", "A folder of object definitions added to the built-in model: OMA DDF files (.xml) for vendor objects or newer object versions, or compact .json files.") { DefaultText = "empty" },
        new("LWM2M_FLEET_PAGE_SIZE", "Lwm2mServer:FleetPageSize", "Devices in one /api/fleet page when the caller gives no limit.") { Default = Defaults.FleetPageSize },
        new("LWM2M_FLEET_MAX_PAGE_SIZE", "Lwm2mServer:FleetMaxPageSize", "The largest limit a /api/fleet caller may ask for; a larger one is answered 400 naming this limit.") { Default = Defaults.FleetMaxPageSize },
        new("SPARKPLUG_HOST_URL", "Lwm2mServer:SparkplugHostUrl", "The Sparkplug host's REST API, read (GET /api/nodes, and GET /api/nodes/{group}/{edge} for /api/fleet/{endpoint}) for the Sparkplug side of /api/fleet …") { Default = Defaults.SparkplugHostUrl },
        new("SPARKPLUG_HOST_TIMEOUT_SECONDS", "Lwm2mServer:SparkplugHostTimeoutSeconds", "How long one request to the Sparkplug host may take before it counts as a failure (reason=\"timeout\"): a read of its node list …") { Default = Defaults.SparkplugHostTimeoutSeconds },
        new("SPARKPLUG_HOST_CACHE_SECONDS", "Lwm2mServer:SparkplugHostCacheSeconds", "How long an answer of the Sparkplug host, or its failure, is reused: the host is asked at most once per interval (counted from the end of a read) …") { Default = Defaults.SparkplugHostCacheSeconds },
        new("LWM2M_FLEET_RETENTION_SECONDS", "Lwm2mServer:FleetRetentionSeconds", "How long a de-registered or expired device stays in /api/fleet (state deregistered or expired, with left_at) and in /api/overview's lwm2m_recently_gone after it left …") { Default = Defaults.FleetRetentionSeconds },
        new("LWM2M_FLEET_RETENTION_MAX", "Lwm2mServer:FleetRetentionMax", "The most de-registered or expired devices kept so; past it the one that left first is forgotten first and counted (lwm2m_fleet_gone_dropped_total …") { Default = Defaults.FleetRetentionMax },
        new("LWM2M_FLEET_STREAM_INTERVAL_SECONDS", "Lwm2mServer:FleetStreamIntervalSeconds", "How often /ws/fleet recomputes a subscriber's page of the fleet; the page is sent only when it changed.") { Default = Defaults.FleetStreamIntervalSeconds },
        new("LWM2M_FLEET_STREAM_MAX", "Lwm2mServer:FleetStreamMax", "The most /ws/fleet subscribers at once (each recomputes its page every interval); one more is refused with 429 naming this setting and counted in …") { Default = Defaults.FleetStreamMax },
        new("BRIDGE_URL", "Lwm2mServer:BridgeUrl", "The Kafka bridge's REST API, whose /api/health /api/overview shows (a setting of the LwM2M server, not of the bridge).") { Default = Defaults.BridgeUrl },
        new("BRIDGE_HEALTH_TIMEOUT_SECONDS", "Lwm2mServer:BridgeTimeoutSeconds", "How long one read of the bridge's /api/health may take before it counts as a failure (reason=\"timeout\").") { Default = Defaults.BridgeTimeoutSeconds },
        new("LWM2M_OVERVIEW_INTERVAL_SECONDS", "Lwm2mServer:OverviewIntervalSeconds", "How often /api/overview's message rates are sampled.") { Default = Defaults.OverviewIntervalSeconds },
        new("LWM2M_OVERVIEW_WINDOW_SECONDS", "Lwm2mServer:OverviewWindowSeconds", "How far back /api/overview's rate series reaches: it keeps window ÷ interval points (at most 10,000, checked at start), oldest dropped first.") { Default = Defaults.OverviewWindowSeconds },
        ServiceSettings.OmaPrefix,
    ]);

    /// <summary>Everything the service reads: its MQTT connection, hosting and logging, and <see cref="Group"/>.</summary>
    public static IReadOnlyList<SettingGroup> Service { get; } = [ServiceSettings.Mqtt, ServiceSettings.Hosting, Group];
}
