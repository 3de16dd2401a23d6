using Prometheus;

namespace LwM2MSparkplug.KafkaBridge;

/// <summary>The bridge's Prometheus metrics.</summary>
public sealed class KafkaBridgeMetrics(IMetricFactory factory)
{
    public Counter Received { get; } = factory.CreateCounter("bridge_mqtt_messages_received_total", "MQTT messages received by the bridge, by QoS.", ["qos"]);

    public Counter Forwarded { get; } = factory.CreateCounter("bridge_records_forwarded_total", "Records Kafka confirmed, by Kafka topic.", ["kafka_topic"]);

    public Counter DeadLetters { get; } = factory.CreateCounter("bridge_dead_letters_total", "Messages sent to the dead-letter topic, by reason.", ["reason"]);

    public Counter Lost { get; } = factory.CreateCounter("bridge_records_lost_total", "Messages dropped because Kafka refused even their dead letter, by Kafka's reason.", ["reason"]);

    public Counter DeliveryFailures { get; } = factory.CreateCounter("bridge_delivery_failures_total", "Kafka delivery reports with an error, by reason (retried, dead-lettered or given up).", ["reason"]);

    public Gauge InFlight { get; } = factory.CreateGauge("bridge_in_flight_records", "Records sent to Kafka and not yet confirmed.");

    public Histogram DeliveryLatency { get; } = factory.CreateHistogram(
        "bridge_kafka_delivery_seconds",
        "Time from producing a record to Kafka's confirmation.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });

    public Counter BackPressure { get; } = factory.CreateCounter("bridge_backpressure_seconds_total", "Time the bridge stopped reading MQTT because the in-flight bound was reached.");

    public Counter Acknowledged { get; } = factory.CreateCounter("bridge_mqtt_acknowledged_total", "QoS 1/2 messages acknowledged to the broker after Kafka confirmed them.");

    public Counter UnresolvedMetrics { get; } = factory.CreateCounter("bridge_unresolved_metrics_total", "Sparkplug metrics written with a null value because no birth declared their alias or the value was unreadable.");

    public Gauge KafkaReachable { get; } = factory.CreateGauge("bridge_kafka_up", "1 when Kafka answered the last probe or delivery, else 0.");

    public Gauge MqttConnected { get; } = factory.CreateGauge("bridge_mqtt_up", "1 while the bridge's MQTT connection is up, else 0.");
}
