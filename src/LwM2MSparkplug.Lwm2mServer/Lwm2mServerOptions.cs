using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer;

/// <summary>LwM2M server settings. Section <c>Lwm2mServer</c>.</summary>
public sealed class Lwm2mServerOptions
{
    public const string SectionName = "Lwm2mServer";

    /// <summary>MQTT client id of the server's connection.</summary>
    public string ClientId { get; set; } = "lwm2m-server";

    /// <summary>
    /// Events kept for <c>/api/events</c>. A poller that falls further behind than this loses the oldest ones
    /// (counted in <c>lwm2m_events_missed_total</c>). Raise it when many devices send updates quickly.
    /// </summary>
    public int EventBufferCapacity { get; set; } = 10_000;

    /// <summary>Most events returned by one <c>/api/events</c> call.</summary>
    public int EventPageSize { get; set; } = 1_000;

    /// <summary>Named server-side cursors kept for <c>?consumer=</c> pollers.</summary>
    public int MaxConsumers { get; set; } = 64;

    /// <summary>
    /// How long an acknowledging consumer (<c>?consumer=NAME&amp;ack=true</c>) has to acknowledge the events it was
    /// handed (<c>POST /api/events/ack</c>) before they are handed to it again. Longer than its slowest write.
    /// </summary>
    public double EventAckTimeoutSeconds { get; set; } = 30;

    public TimeSpan EventAckTimeout => TimeSpan.FromSeconds(EventAckTimeoutSeconds);

    /// <summary>How often registrations are checked for an expired lifetime.</summary>
    public double ExpiryCheckIntervalSeconds { get; set; } = 1;

    /// <summary>Larger LwM2M payloads are rejected unread.</summary>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Largest REST request body (a Write, Create, Execute or Write-Attributes); a larger one is answered 413 unread. The
    /// body becomes a command to the device, so keep it within what devices accept (see <see cref="MaxPayloadBytes"/>).
    /// </summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a REST operation waits for the device's answer before it reports 504.</summary>
    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The most a REST caller may ask to wait for a device with <c>?timeout=</c>; a longer wait is answered 400. It bounds
    /// how long a caller holds a connection open on the server.
    /// </summary>
    public double MaxRequestTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// How long a queue-mode device is taken to be awake after the server last heard from it (LwM2M 1.2 Core §6.5).
    /// The default is Eclipse Leshan's (<c>StaticClientAwakeTimeProvider</c>: 93 s, CoAP's MAX_TRANSMIT_WAIT).
    /// </summary>
    public double QueueModeAwakeTimeSeconds { get; set; } = 93;

    /// <summary>
    /// Requests held per sleeping queue-mode device. A REST request past it is answered 429 naming this limit; wait for
    /// the device to wake, or raise it.
    /// </summary>
    public int MaxQueuedRequestsPerDevice { get; set; } = 16;

    /// <summary>
    /// How long a request waits for its sleeping device to wake before it is dropped (an event and a count). The
    /// default is LwM2M's default lifetime (Core §6.2.1), so a request outlasts the next Update of such a device.
    /// </summary>
    public double QueuedRequestMaxWaitSeconds { get; set; } = 86400;

    /// <summary>
    /// Registrations the server keeps. A Register from a new endpoint past it is answered 5.03; an endpoint that is
    /// registered may always register again. Raise it when the fleet is larger.
    /// </summary>
    public int MaxRegistrations { get; set; } = 50_000;

    /// <summary>
    /// The shortest lifetime a Register or Update may ask for; a shorter one is answered 4.00. Below it a client would
    /// spend its time updating.
    /// </summary>
    public long MinLifetimeSeconds { get; set; } = 10;

    /// <summary>
    /// The longest lifetime a Register or Update may ask for; a longer one is answered 4.00. It bounds how long a device
    /// that vanished without de-registering holds its place. Raise it for sleepy devices that update less often.
    /// </summary>
    public long MaxLifetimeSeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>
    /// Observations the server keeps per device. A REST Observe past it answers 409 naming this limit; cancel an
    /// observation or raise it.
    /// </summary>
    public int MaxObservationsPerDevice { get; set; } = 100;

    /// <summary>
    /// A folder of object definitions to add to the built-in model: OMA DDF files (<c>.xml</c>) for vendor objects or
    /// newer object versions, or files in the built-in compact form (<c>.json</c>). Read once at start; a file that
    /// cannot be read stops the start with a message naming it. Empty: the built-in model only.
    /// </summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>
    /// The topic prefix of OMA's LwM2M 1.2 MQTT binding (<c>{prefix}/lwm2m/rd/{ep}</c>; Transport §8.2), e.g. a tenant.
    /// Empty: <c>lwm2m/rd/{ep}</c>, which shares <c>lwm2m/</c> with the JSON contract, so a few endpoint names are then
    /// reserved (docs/lwm2m-over-mqtt.md, "Both dialects on one server"); with a prefix none are.
    /// </summary>
    public string? OmaPrefix { get; set; }

    /// <summary>
    /// The Sparkplug host's REST API, read for the Sparkplug side of <c>/api/fleet</c> (its <c>/api/nodes</c>). When it
    /// cannot be reached the fleet still answers, from the LwM2M registry alone, and says why.
    /// </summary>
    public string SparkplugHostUrl { get; set; } = "http://localhost:8081";

    /// <summary>How long one read of the Sparkplug host's <c>/api/nodes</c> may take before it counts as a failure.</summary>
    public double SparkplugHostTimeoutSeconds { get; set; } = 3;

    /// <summary>
    /// How long an answer of the Sparkplug host (or its failure) is reused: the host is asked at most once per this
    /// interval, however many fleet callers there are. Raise it for large fleets, lower it for a livelier view.
    /// </summary>
    public double SparkplugHostCacheSeconds { get; set; } = 2;

    /// <summary>Devices in one <c>/api/fleet</c> page when the caller gives no <c>limit</c>.</summary>
    public int FleetPageSize { get; set; } = 100;

    /// <summary>The largest <c>limit</c> a caller of <c>/api/fleet</c> may ask for; a larger one is answered 400.</summary>
    public int FleetMaxPageSize { get; set; } = 1_000;

    /// <summary>
    /// How long a de-registered or expired device stays in <c>/api/fleet</c> (state <c>deregistered</c> or
    /// <c>expired</c>, with <c>left_at</c>) after it left. Raise it to see departures longer; a Register takes it off.
    /// </summary>
    public double FleetRetentionSeconds { get; set; } = 600;

    /// <summary>
    /// The most de-registered or expired devices the fleet keeps; past it the one that left first is forgotten first
    /// (counted in <c>lwm2m_fleet_gone_dropped_total</c>). Bounds the memory a wave of departures takes.
    /// </summary>
    public int FleetRetentionMax { get; set; } = 10_000;

    /// <summary>
    /// How often <c>/ws/fleet</c> recomputes a subscriber's page; it is sent only when it changed, so this is the most
    /// often a browser hears of the fleet, however many events the devices make.
    /// </summary>
    public double FleetStreamIntervalSeconds { get; set; } = 1;

    /// <summary>
    /// The most <c>/ws/fleet</c> subscribers at once; each recomputes its page every interval. One more is refused with
    /// 429 (counted in <c>lwm2m_limit_refusals_total{limit="max_fleet_streams"}</c>).
    /// </summary>
    public int FleetStreamMax { get; set; } = 100;

    public TimeSpan FleetStreamInterval => TimeSpan.FromSeconds(FleetStreamIntervalSeconds);

    /// <summary>
    /// The Kafka bridge's REST API, whose <c>/api/health</c> <c>/api/overview</c> shows. Empty: there is no bridge, and
    /// the overview says so instead of reporting an error.
    /// </summary>
    public string? BridgeUrl { get; set; } = "http://localhost:8083";

    /// <summary>How long one read of the Kafka bridge's <c>/api/health</c> may take before it counts as a failure.</summary>
    public double BridgeTimeoutSeconds { get; set; } = 3;

    /// <summary>
    /// How often <c>/api/overview</c>'s rates are sampled; the Sparkplug host's <c>/api/summary</c> and the bridge's
    /// <c>/api/health</c> are read once per interval, whatever the number of callers.
    /// </summary>
    public double OverviewIntervalSeconds { get; set; } = 5;

    /// <summary>How far back <c>/api/overview</c>'s rate series reaches; it holds this divided by the interval points.</summary>
    public double OverviewWindowSeconds { get; set; } = 300;

    /// <summary>The most points of the rate series; it bounds the memory of <see cref="OverviewWindowSeconds"/>.</summary>
    public const int MaxOverviewPoints = 10_000;

    public TimeSpan FleetRetention => TimeSpan.FromSeconds(FleetRetentionSeconds);
    public TimeSpan BridgeTimeout => TimeSpan.FromSeconds(BridgeTimeoutSeconds);
    public TimeSpan OverviewInterval => TimeSpan.FromSeconds(OverviewIntervalSeconds);

    /// <summary>The points of the rate series: the window divided by the interval, at least one.</summary>
    public int OverviewPoints => (int)Math.Max(1, Math.Floor(OverviewWindowSeconds / OverviewIntervalSeconds));

    public TimeSpan SparkplugHostTimeout => TimeSpan.FromSeconds(SparkplugHostTimeoutSeconds);
    public TimeSpan SparkplugHostCacheDuration => TimeSpan.FromSeconds(SparkplugHostCacheSeconds);
    public TimeSpan ExpiryCheckInterval => TimeSpan.FromSeconds(ExpiryCheckIntervalSeconds);
    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);
    public TimeSpan MaxRequestTimeout => TimeSpan.FromSeconds(MaxRequestTimeoutSeconds);
    public TimeSpan QueueModeAwakeTime => TimeSpan.FromSeconds(QueueModeAwakeTimeSeconds);
    public TimeSpan QueuedRequestMaxWait => TimeSpan.FromSeconds(QueuedRequestMaxWaitSeconds);
    public TimeSpan MinLifetime => TimeSpan.FromSeconds(MinLifetimeSeconds);
    public TimeSpan MaxLifetime => TimeSpan.FromSeconds(MaxLifetimeSeconds);

    public sealed class Validator : IValidateOptions<Lwm2mServerOptions>
    {
        public ValidateOptionsResult Validate(string? name, Lwm2mServerOptions options)
        {
            var problems = new ConfigurationProblems(Lwm2mServerSettings.Group);
            problems.RequireNotEmpty("Lwm2mServer:ClientId", options.ClientId, "set LWM2M_SERVER_CLIENT_ID to a unique MQTT client id.");
            problems.RequireRange("Lwm2mServer:EventBufferCapacity", options.EventBufferCapacity, 1, 10_000_000);
            problems.RequireRange("Lwm2mServer:EventPageSize", options.EventPageSize, 1, 100_000);
            problems.RequireRange("Lwm2mServer:MaxConsumers", options.MaxConsumers, 1, 10_000);
            problems.RequirePositive("Lwm2mServer:EventAckTimeoutSeconds", options.EventAckTimeoutSeconds);
            problems.RequirePositive("Lwm2mServer:ExpiryCheckIntervalSeconds", options.ExpiryCheckIntervalSeconds);
            problems.RequireRange("Lwm2mServer:MaxPayloadBytes", options.MaxPayloadBytes, 64, 16 * 1024 * 1024);
            problems.RequireRange("Lwm2mServer:MaxRequestBodyBytes", options.MaxRequestBodyBytes, 64, 16 * 1024 * 1024);
            problems.RequirePositive("Lwm2mServer:RequestTimeoutSeconds", options.RequestTimeoutSeconds);
            problems.RequirePositive("Lwm2mServer:MaxRequestTimeoutSeconds", options.MaxRequestTimeoutSeconds);
            if (options.MaxRequestTimeoutSeconds < options.RequestTimeoutSeconds)
            {
                problems.Add("Lwm2mServer:MaxRequestTimeoutSeconds", $"must be at least Lwm2mServer:RequestTimeoutSeconds (LWM2M_REQUEST_TIMEOUT_SECONDS), the wait without ?timeout=; got {options.MaxRequestTimeoutSeconds} < {options.RequestTimeoutSeconds}.");
            }
            problems.RequirePositive("Lwm2mServer:QueueModeAwakeTimeSeconds", options.QueueModeAwakeTimeSeconds);
            problems.RequireRange("Lwm2mServer:MaxQueuedRequestsPerDevice", options.MaxQueuedRequestsPerDevice, 1, 100_000);
            problems.RequirePositive("Lwm2mServer:QueuedRequestMaxWaitSeconds", options.QueuedRequestMaxWaitSeconds);
            problems.RequireRange("Lwm2mServer:MaxRegistrations", options.MaxRegistrations, 1, 10_000_000);
            problems.RequireRange("Lwm2mServer:MinLifetimeSeconds", options.MinLifetimeSeconds, 1, uint.MaxValue);
            problems.RequireRange("Lwm2mServer:MaxLifetimeSeconds", options.MaxLifetimeSeconds, 1, uint.MaxValue);
            if (options.MinLifetimeSeconds > options.MaxLifetimeSeconds)
            {
                problems.Add("Lwm2mServer:MinLifetimeSeconds", $"must not exceed Lwm2mServer:MaxLifetimeSeconds (LWM2M_MAX_LIFETIME_SECONDS); got {options.MinLifetimeSeconds} > {options.MaxLifetimeSeconds}.");
            }
            problems.RequireRange("Lwm2mServer:MaxObservationsPerDevice", options.MaxObservationsPerDevice, 1, 100_000);
            if (Protocols.Lwm2m.Oma.OmaTopic.ValidatePrefix(options.OmaPrefix) != Protocols.Lwm2m.Oma.OmaTopicError.None)
            {
                problems.Add("Lwm2mServer:OmaPrefix", $"(LWM2M_OMA_PREFIX) '{options.OmaPrefix}' is not a topic prefix: use topic levels without '+' or '#' and no empty level (e.g. tenant-a), or leave it empty.");
            }
            if (!Uri.TryCreate(options.SparkplugHostUrl, UriKind.Absolute, out var hostUrl) || hostUrl.Scheme is not ("http" or "https"))
            {
                problems.Add("Lwm2mServer:SparkplugHostUrl", $"'{options.SparkplugHostUrl}' is not an http(s) URL: set it to the Sparkplug host's address, e.g. http://sparkplug-host:8081.");
            }
            problems.RequirePositive("Lwm2mServer:SparkplugHostTimeoutSeconds", options.SparkplugHostTimeoutSeconds);
            problems.RequirePositive("Lwm2mServer:SparkplugHostCacheSeconds", options.SparkplugHostCacheSeconds);
            problems.RequireRange("Lwm2mServer:FleetMaxPageSize", options.FleetMaxPageSize, 1, 100_000);
            problems.RequireRange("Lwm2mServer:FleetPageSize", options.FleetPageSize, 1, 100_000);
            if (options.FleetPageSize > options.FleetMaxPageSize)
            {
                problems.Add("Lwm2mServer:FleetPageSize", $"must not exceed Lwm2mServer:FleetMaxPageSize (LWM2M_FLEET_MAX_PAGE_SIZE); got {options.FleetPageSize} > {options.FleetMaxPageSize}.");
            }
            problems.RequirePositive("Lwm2mServer:FleetRetentionSeconds", options.FleetRetentionSeconds);
            problems.RequireRange("Lwm2mServer:FleetRetentionMax", options.FleetRetentionMax, 1, 10_000_000);
            problems.RequirePositive("Lwm2mServer:FleetStreamIntervalSeconds", options.FleetStreamIntervalSeconds);
            problems.RequireRange("Lwm2mServer:FleetStreamMax", options.FleetStreamMax, 1, 100_000);
            if (!string.IsNullOrEmpty(options.BridgeUrl)
                && (!Uri.TryCreate(options.BridgeUrl, UriKind.Absolute, out var bridgeUrl) || bridgeUrl.Scheme is not ("http" or "https")))
            {
                problems.Add("Lwm2mServer:BridgeUrl", $"'{options.BridgeUrl}' is not an http(s) URL: set it to the Kafka bridge's address, e.g. http://mqtt-kafka-bridge:8083, or leave it empty when there is no bridge.");
            }
            problems.RequirePositive("Lwm2mServer:BridgeTimeoutSeconds", options.BridgeTimeoutSeconds);
            problems.RequirePositive("Lwm2mServer:OverviewIntervalSeconds", options.OverviewIntervalSeconds);
            problems.RequirePositive("Lwm2mServer:OverviewWindowSeconds", options.OverviewWindowSeconds);
            if (options.OverviewIntervalSeconds > 0 && options.OverviewWindowSeconds / options.OverviewIntervalSeconds > MaxOverviewPoints)
            {
                problems.Add("Lwm2mServer:OverviewWindowSeconds", $"may hold at most {MaxOverviewPoints} intervals of Lwm2mServer:OverviewIntervalSeconds (LWM2M_OVERVIEW_INTERVAL_SECONDS); got {options.OverviewWindowSeconds} s / {options.OverviewIntervalSeconds} s. Shorten the window or lengthen the interval.");
            }
            try
            {
                Model.Lwm2mModelDirectory.Load(options.ModelsDirectory);
            }
            catch (Protocols.Lwm2m.Model.Lwm2mModelException exception)
            {
                problems.Add("Lwm2mServer:ModelsDirectory", $"(LWM2M_MODELS_DIR) {exception.Message}.");
            }
            catch (IOException exception)
            {
                problems.Add("Lwm2mServer:ModelsDirectory", $"(LWM2M_MODELS_DIR) cannot be read: {exception.Message}");
            }
            catch (UnauthorizedAccessException exception)
            {
                problems.Add("Lwm2mServer:ModelsDirectory", $"(LWM2M_MODELS_DIR) cannot be read: {exception.Message}");
            }
            return problems.ToResult();
        }
    }
}
