using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.LoadTest.Devices;
using LwM2MSparkplug.LoadTest.Measuring;
using LwM2MSparkplug.LoadTest.Stack;

namespace LwM2MSparkplug.LoadTest.Reporting;

/// <summary>
/// Turns two snapshots, taken before a phase and after its drain, into hop rows in which expected = delivered +
/// dropped + pending + unexplained. Pure: what each hop should have seen follows from what the devices offered and
/// what the services themselves published (the host's rebirth requests reach the host and the bridge too).
/// </summary>
public static class HopAccounting
{
    public const string SparkplugFlow = "Sparkplug";
    public const string Lwm2mFlow = "LwM2M";
    public const string BaselineFlow = "baseline";

    /// <summary>The LwM2M messages the bridge's default routes forward (responses are not forwarded).</summary>
    static readonly string[] RoutedLwm2mTypes = ["register", "update", "deregister", "send", "notify"];

    static readonly string[] KafkaTopics = [TopicRouter.SparkplugTopic, TopicRouter.RegistrationTopic, TopicRouter.UpdatesTopic];

    public static IReadOnlyList<HopRow> Baseline(StackSnapshot before, StackSnapshot after, string subscriberClientId)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var offered = after.Offered.Minus(before.Offered);
        var broker = after.Broker.Minus(before.Broker);
        var dropped = broker.DroppedFor(subscriberClientId);
        return
        [
            Publishing(BaselineFlow, offered, OfferedCounts.Baseline),
            new HopRow(BaselineFlow, "broker → subscriber", offered.Of(OfferedCounts.Baseline), after.BaselineReceived - before.BaselineReceived,
                dropped ?? 0, broker.QueuedFor(subscriberClientId), DropNote(dropped, broker.Dropped, "the subscriber's queue")),
        ];
    }

    /// <summary>
    /// The pipeline's hops; without the bridge (<paramref name="hasBridge"/> false) the hops to and through it and Kafka
    /// are left out, and without a Kafka consumer (<paramref name="readsKafka"/> false) the last one.
    /// </summary>
    public static IReadOnlyList<HopRow> Pipeline(StackSnapshot before, StackSnapshot after, ServiceClientIds clientIds, bool hasBridge = true, bool readsKafka = true)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(clientIds);
        var offered = after.Offered.Minus(before.Offered);
        var broker = after.Broker.Minus(before.Broker);
        var host = new Difference(before.SparkplugHost, after.SparkplugHost);
        var lwm2m = new Difference(before.Lwm2mServer, after.Lwm2mServer);
        var bridge = new Difference(before.Bridge, after.Bridge);
        var kafka = after.Kafka.Minus(before.Kafka);

        // The host receives its own commands (it subscribes to spBv1.0/#), and so does the bridge.
        var hostCommands = host.Sum("sparkplug_rebirth_requests_total") + host.Sum("sparkplug_commands_sent_total");
        var sparkplugOffered = offered.Of("sparkplug");
        var hostDropped = broker.DroppedFor(clientIds.SparkplugHost);
        var lwm2mDropped = broker.DroppedFor(clientIds.Lwm2mServer);
        var bridgeDropped = broker.DroppedFor(clientIds.Bridge);
        var bridgeReceived = bridge.Sum("bridge_mqtt_messages_received_total");
        var forwarded = KafkaTopics.Sum(topic => bridge.Sum("bridge_records_forwarded_total", ("kafka_topic", topic)));
        var routedLwm2m = RoutedLwm2mTypes.Sum(type => offered.Of("lwm2m", type));

        var toHost = new HopRow(SparkplugFlow, "broker → Sparkplug host", sparkplugOffered + hostCommands,
            host.Sum("sparkplug_messages_total") + host.SumWhere("sparkplug_invalid_messages_total", "reason", r => r.StartsWith("topic_", StringComparison.Ordinal)),
            hostDropped ?? 0, broker.QueuedFor(clientIds.SparkplugHost), DropNote(hostDropped, broker.Dropped, "the host's queue") + $"; expected includes {hostCommands} commands the host sent itself");
        var toServer = new HopRow(Lwm2mFlow, "broker → LwM2M server", offered.Of("lwm2m"), lwm2m.Sum("lwm2m_messages_total"),
            lwm2mDropped ?? 0, broker.QueuedFor(clientIds.Lwm2mServer), DropNote(lwm2mDropped, broker.Dropped, "the server's queue"));
        if (!hasBridge)
        {
            return [Publishing(SparkplugFlow, offered, "sparkplug"), toHost, Publishing(Lwm2mFlow, offered, "lwm2m"), toServer];
        }
        List<HopRow> hops =
        [
            Publishing(SparkplugFlow, offered, "sparkplug"),
            toHost,
            new HopRow(SparkplugFlow + "+" + Lwm2mFlow, "broker → bridge", sparkplugOffered + hostCommands + routedLwm2m, bridgeReceived,
                bridgeDropped ?? 0, broker.QueuedFor(clientIds.Bridge), DropNote(bridgeDropped, broker.Dropped, "the bridge's queue")),
            new HopRow(SparkplugFlow + "+" + Lwm2mFlow, "bridge → Kafka (confirmed)", bridgeReceived,
                bridge.Sum("bridge_records_forwarded_total") + bridge.Sum("bridge_dead_letters_total"), 0, (long)after.Bridge.Sum("bridge_in_flight_records"),
                $"dead-lettered {bridge.Sum("bridge_dead_letters_total")}; pending = records in flight at the end"),
        ];
        if (readsKafka)
        {
            hops.Add(new HopRow(SparkplugFlow + "+" + Lwm2mFlow, "Kafka → consumer", forwarded, KafkaTopics.Sum(topic => kafka.PerTopic.GetValueOrDefault(topic)), 0, 0,
                after.KafkaDiscarded > before.KafkaDiscarded ? $"the embedded Kafka discarded {after.KafkaDiscarded - before.KafkaDiscarded} old records meanwhile" : "read while the load ran"));
        }
        hops.Add(Publishing(Lwm2mFlow, offered, "lwm2m"));
        hops.Add(toServer);
        return hops;
    }

    /// <summary>The devices' own hop: publishes the broker accepted, and the ones that failed (counted by the devices).</summary>
    static HopRow Publishing(string flow, OfferedSnapshot offered, string protocol) =>
        new(flow, "devices → broker", offered.Of(protocol) + offered.FailedOf(protocol), offered.Of(protocol), offered.FailedOf(protocol), 0,
            "dropped = publishes that failed (connection lost or refused)");

    static string DropNote(long? dropped, long brokerDropped, string queue) => dropped is null
        ? $"the broker counts drops only in total ({brokerDropped} in this phase, $SYS/broker/publish/messages/dropped); dropped here is not known per client"
        : $"dropped = messages the broker dropped from {queue} (full); pending = how much that queue grew";

    /// <summary>The change of a service's counters between two scrapes.</summary>
    sealed class Difference(MetricsPage before, MetricsPage after)
    {
        public long Sum(string name, params (string Label, string Value)[] labels) =>
            (long)Math.Round(after.Sum(name, labels) - before.Sum(name, labels));

        public long SumWhere(string name, string label, Func<string, bool> match) =>
            (long)Math.Round(after.SumWhere(name, label, match) - before.SumWhere(name, label, match));
    }
}
