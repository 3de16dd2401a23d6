using Prometheus;

namespace LwM2MSparkplug.Standalone.Broker;

/// <summary>
/// The embedded broker's <see cref="BrokerStatistics"/> as Prometheus series, brought up to date at each scrape of the
/// registry they are added to (the standalone adds them to the LwM2M server's <c>/metrics</c>).
/// </summary>
public static class BrokerMetricsExport
{
    public static void AddTo(CollectorRegistry registry, BrokerStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(statistics);
        var factory = Metrics.WithCustomRegistry(registry);
        var received = factory.CreateCounter("mqtt_broker_messages_received_total", "PUBLISH packets the embedded broker received, by protocol of the topic.", ["protocol"]);
        var dropped = factory.CreateCounter("mqtt_broker_messages_dropped_total", "Messages the embedded broker did not deliver to a subscriber, by reason (queue_full: BROKER_MAX_PENDING_MESSAGES).", ["reason"]);
        var packets = factory.CreateCounter("mqtt_broker_packets_refused_total", "Packets refused before they were read, by reason (packet_too_large: BROKER_MAX_PACKET_BYTES).", ["reason"]);
        var connections = factory.CreateCounter("mqtt_broker_connections_refused_total", "Connections refused at CONNECT, by reason.", ["reason"]);
        var publishes = factory.CreateCounter("mqtt_broker_publishes_refused_total", "Publishes dropped because the sender has no right to the topic (authentication on), by reason.", ["reason"]);
        var subscriptions = factory.CreateCounter("mqtt_broker_subscriptions_refused_total", "Subscriptions refused because the client has no right to the filter (authentication on), by reason.", ["reason"]);
        registry.AddBeforeCollectCallback(() =>
        {
            received.WithLabels("lwm2m").IncTo(statistics.Lwm2mPublishes);
            received.WithLabels("sparkplug").IncTo(statistics.SparkplugPublishes);
            received.WithLabels("other").IncTo(statistics.OtherPublishes);
            foreach (var group in statistics.DroppedByClient().GroupBy(drop => drop.Reason))
            {
                dropped.WithLabels(group.Key).IncTo(group.Sum(drop => drop.Count));
            }
            Export(packets, statistics.RefusedPackets);
            Export(connections, statistics.RefusedConnectionsByReason);
            Export(publishes, statistics.RefusedPublishes);
            Export(subscriptions, statistics.RefusedSubscriptions);
        });
    }

    static void Export(Counter counter, IReadOnlyDictionary<string, long> counts)
    {
        foreach (var (reason, count) in counts)
        {
            counter.WithLabels(reason).IncTo(count);
        }
    }
}
