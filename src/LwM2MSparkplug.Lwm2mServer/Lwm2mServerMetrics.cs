using Prometheus;

namespace LwM2MSparkplug.Lwm2mServer;

/// <summary>The LwM2M server's Prometheus metrics.</summary>
public sealed class Lwm2mServerMetrics(IMetricFactory factory)
{
    public Gauge ActiveDevices { get; } = factory.CreateGauge("lwm2m_active_devices", "LwM2M clients currently registered.");

    public Counter Messages { get; } = factory.CreateCounter("lwm2m_messages_total", "LwM2M messages received over MQTT, by message type.", ["type"]);

    public Counter InvalidMessages { get; } = factory.CreateCounter("lwm2m_invalid_messages_total", "LwM2M messages rejected as invalid, by reason.", ["reason"]);

    public Counter Registrations { get; } = factory.CreateCounter("lwm2m_registrations_total", "Register operations accepted.");

    public Counter Deregistrations { get; } = factory.CreateCounter("lwm2m_deregistrations_total", "De-register operations accepted.");

    public Counter Expiries { get; } = factory.CreateCounter("lwm2m_registration_expiries_total", "Registrations removed because their lifetime ended without an update.");

    public Counter Events { get; } = factory.CreateCounter("lwm2m_events_total", "Events recorded for /api/events, by event type.", ["type"]);

    public Gauge EventsBuffered { get; } = factory.CreateGauge("lwm2m_events_buffered", "Events currently held for /api/events.");

    public Counter EventsEvicted { get; } = factory.CreateCounter("lwm2m_events_evicted_total", "Events dropped from the full /api/events buffer to make room for new ones.");

    public Counter EventsMissed { get; } = factory.CreateCounter("lwm2m_events_missed_total", "Events a poller asked for after they had been dropped from the buffer (buffer overflow).");
}
