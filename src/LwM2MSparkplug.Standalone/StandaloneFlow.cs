using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.KafkaBridge;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Lwm2mServer;
using LwM2MSparkplug.ServiceDefaults.Observability;
using LwM2MSparkplug.SparkplugHost;
using LwM2MSparkplug.Standalone.Broker;
using Prometheus;

namespace LwM2MSparkplug.Standalone;

/// <summary>
/// The standalone process's message counts at every hop, read at one moment: what the devices published, what the
/// broker received and dropped, what the host, the LwM2M server and the bridge took in. Two of them, a few seconds
/// apart, make the summary line, in which offered, delivered and lost add up.
/// </summary>
public sealed record StandaloneFlow(
    double SparkplugPublished,
    double Lwm2mPublished,
    double DeviceFailures,
    long BrokerSparkplug,
    long BrokerLwm2m,
    long BrokerDropped,
    double HostReceived,
    double Lwm2mServerReceived,
    double BridgeSparkplugForwarded)
{
    public static StandaloneFlow Read(BrokerStatistics broker, SimulatorMetrics simulator, SparkplugHostMetrics host, Lwm2mServerMetrics lwm2m, KafkaBridgeMetrics bridge)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(lwm2m);
        ArgumentNullException.ThrowIfNull(bridge);
        return new StandaloneFlow(
            ByFirstLabel(simulator.Published, "sparkplug"),
            ByFirstLabel(simulator.Published, "lwm2m"),
            simulator.PublishFailures.Total() + simulator.Dropped.Total(),
            broker.SparkplugPublishes,
            broker.Lwm2mPublishes,
            broker.Dropped,
            host.Messages.Total(),
            lwm2m.Messages.Total(),
            bridge.Forwarded.WithLabels(TopicRouter.SparkplugTopic).Value);
    }

    /// <summary>Rates per second from <paramref name="earlier"/> to this one, <paramref name="seconds"/> apart.</summary>
    public StandaloneFlow RatesSince(StandaloneFlow earlier, double seconds)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new StandaloneFlow(
            (SparkplugPublished - earlier.SparkplugPublished) / seconds,
            (Lwm2mPublished - earlier.Lwm2mPublished) / seconds,
            (DeviceFailures - earlier.DeviceFailures) / seconds,
            (long)((BrokerSparkplug - earlier.BrokerSparkplug) / seconds),
            (long)((BrokerLwm2m - earlier.BrokerLwm2m) / seconds),
            (long)((BrokerDropped - earlier.BrokerDropped) / seconds),
            (HostReceived - earlier.HostReceived) / seconds,
            (Lwm2mServerReceived - earlier.Lwm2mServerReceived) / seconds,
            (BridgeSparkplugForwarded - earlier.BridgeSparkplugForwarded) / seconds);
    }

    static double ByFirstLabel(Counter counter, string value) =>
        counter.GetAllLabelValues().Where(labels => labels[0] == value).Sum(labels => counter.WithLabels(labels).Value);
}
