using Prometheus;

namespace LwM2MSparkplug.Lwm2mServer;

/// <summary>The LwM2M server's Prometheus metrics.</summary>
public sealed class Lwm2mServerMetrics(IMetricFactory factory)
{
    public Gauge ActiveDevices { get; } = factory.CreateGauge("lwm2m_active_devices", "LwM2M clients currently registered.");

    public Gauge FleetStreams { get; } = factory.CreateGauge("lwm2m_fleet_streams", "Subscribers of /ws/fleet connected now.");

    public Counter Messages { get; } = factory.CreateCounter("lwm2m_messages_total", "LwM2M messages received over MQTT, by message type.", ["type"]);

    public Counter InvalidMessages { get; } = factory.CreateCounter("lwm2m_invalid_messages_total", "LwM2M messages rejected as invalid, by reason.", ["reason"]);

    /// <summary>Requests refused because a configured limit was reached, by limit.</summary>
    public Counter LimitRefusals { get; } = factory.CreateCounter("lwm2m_limit_refusals_total", "Requests refused because a configured limit was reached, by limit (max_registrations, min_lifetime, max_lifetime, max_observations_per_device, max_sparkplug_presence, max_request_body_bytes, max_queued_requests_per_device).", ["limit"]);

    public Counter Registrations { get; } = factory.CreateCounter("lwm2m_registrations_total", "Register operations accepted.");

    public Counter Deregistrations { get; } = factory.CreateCounter("lwm2m_deregistrations_total", "De-register operations accepted.");

    public Counter Expiries { get; } = factory.CreateCounter("lwm2m_registration_expiries_total", "Registrations removed because their lifetime ended without an update.");

    public Counter Events { get; } = factory.CreateCounter("lwm2m_events_total", "Events recorded for /api/events, by event type.", ["type"]);

    public Gauge EventsBuffered { get; } = factory.CreateGauge("lwm2m_events_buffered", "Events currently held for /api/events.");

    public Counter EventsEvicted { get; } = factory.CreateCounter("lwm2m_events_evicted_total", "Events dropped from the full /api/events buffer to make room for new ones.");

    public Counter Requests { get; } = factory.CreateCounter("lwm2m_requests_total", "Device-management and observe requests sent to devices, by operation and result code (timeout when unanswered, invalid when the answer did not fit the contract).", ["operation", "code"]);

    public Histogram RequestDuration { get; } = factory.CreateHistogram(
        "lwm2m_request_duration_seconds",
        "Time from sending a request to the device's answer, by operation.",
        ["operation"],
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 15) });

    public Gauge QueuedRequests { get; } = factory.CreateGauge("lwm2m_queued_requests", "Requests held for sleeping queue-mode devices until they wake.");

    public Counter QueuedRequestsExpired { get; } = factory.CreateCounter("lwm2m_queued_requests_expired_total", "Held requests dropped because their queue-mode device did not wake within LWM2M_QUEUED_REQUEST_MAX_WAIT_SECONDS.");

    public Counter UnmatchedResponses { get; } = factory.CreateCounter("lwm2m_unmatched_responses_total", "Responses nobody was waiting for (late, duplicate or unknown request id); dropped.");

    public Gauge ActiveObservations { get; } = factory.CreateGauge("lwm2m_active_observations", "Observations currently established.");

    public Counter Notifications { get; } = factory.CreateCounter("lwm2m_notifications_total", "Notify messages received for an active observation.");

    public Counter Sends { get; } = factory.CreateCounter("lwm2m_sends_total", "Send operations (LwM2M 1.2 information reporting) received.");

    public Counter Offline { get; } = factory.CreateCounter("lwm2m_devices_offline_total", "Registrations marked offline because the device's Sparkplug NDEATH arrived.");

    public Counter EventsRedelivered { get; } = factory.CreateCounter("lwm2m_events_redelivered_total", "Events handed out again to an acknowledging consumer (?consumer=NAME&ack=true) that did not acknowledge them within LWM2M_EVENTS_ACK_TIMEOUT_SECONDS.");

    public Counter EventAcknowledgements { get; } = factory.CreateCounter("lwm2m_event_acknowledgements_total", "Acknowledgements of consumers (POST /api/events/ack), by result: acknowledged, other_log, unknown_consumer, not_delivered, invalid.", ["result"]);

    public Counter EventsMissed { get; } = factory.CreateCounter("lwm2m_events_missed_total", "Events a poller asked for after they had been dropped from the buffer (buffer overflow).");
    public Counter SparkplugHostFailures { get; } = factory.CreateCounter("lwm2m_sparkplug_host_failures_total", "Reads of the Sparkplug host's /api/nodes for /api/fleet that failed, by reason (unreachable, timeout, http_status, invalid_answer).", ["reason"]);

    public Gauge FleetGoneDevices { get; } = factory.CreateGauge("lwm2m_fleet_gone_devices", "De-registered or expired devices /api/fleet still shows (for LWM2M_FLEET_RETENTION_SECONDS, at most LWM2M_FLEET_RETENTION_MAX).");

    public Counter FleetGoneDropped { get; } = factory.CreateCounter("lwm2m_fleet_gone_dropped_total", "De-registered or expired devices forgotten by /api/fleet before LWM2M_FLEET_RETENTION_SECONDS because LWM2M_FLEET_RETENTION_MAX were kept already.");

    public Counter OverviewReadFailures { get; } = factory.CreateCounter("lwm2m_overview_read_failures_total", "Reads for /api/overview that failed, by source (sparkplug_host: its /api/summary; bridge: its /api/health) and reason (unreachable, timeout, http_status, invalid_answer).", ["source", "reason"]);

    public Counter OutboxDropped { get; } = factory.CreateCounter("lwm2m_outbox_dropped_total", "Acknowledgements and requests not published because the server's outgoing queue (4096 messages) was full.");
}
