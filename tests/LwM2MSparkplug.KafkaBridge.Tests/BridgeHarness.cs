using System.Globalization;
using LwM2MSparkplug.KafkaBridge.Kafka;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.KafkaBridge.Tests;

/// <summary>A broker, a Kafka and a bridge between them; the Kafka is the embedded one unless a bootstrap address is given.</summary>
public sealed class BridgeHarness : IAsyncDisposable
{
    BridgeHarness(TestBroker broker, EmbeddedKafkaCluster? kafka, string bootstrapServers)
    {
        Broker = broker;
        EmbeddedKafka = kafka;
        BootstrapServers = bootstrapServers;
    }

    public TestBroker Broker { get; }
    public EmbeddedKafkaCluster? EmbeddedKafka { get; }
    public string BootstrapServers { get; }
    public TestService? Bridge { get; private set; }

    public static async Task<BridgeHarness> StartAsync(string? bootstrapServers = null, int partitions = 3)
    {
        var broker = await TestBroker.StartAsync();
        EmbeddedKafkaCluster? kafka = null;
        if (bootstrapServers is null)
        {
            kafka = EmbeddedKafkaCluster.Start();
            foreach (var topic in new[] { TopicRouter.SparkplugTopic, TopicRouter.RegistrationTopic, TopicRouter.UpdatesTopic, "dead.letters" })
            {
                kafka.CreateTopic(topic, partitions);
            }
            bootstrapServers = kafka.BootstrapServers;
        }
        return new BridgeHarness(broker, kafka, bootstrapServers);
    }

    /// <summary>Starts the bridge; <paramref name="configure"/> may change or add settings after the harness's own.</summary>
    public async Task<TestService> StartBridgeAsync(string clientId = "bridge-under-test", int maxInFlight = 1000, Action<IDictionary<string, string?>>? configure = null)
    {
        var configuration = Broker.ClientConfiguration();
        configuration["Kafka:BootstrapServers"] = BootstrapServers;
        configuration["Kafka:LingerMs"] = "1";
        configuration["Bridge:ClientId"] = clientId;
        configuration["Bridge:SharedSubscriptionGroup"] = string.Empty;
        configuration["Bridge:DeadLetterTopic"] = "dead.letters";
        configuration["Bridge:MaxInFlight"] = maxInFlight.ToString(CultureInfo.InvariantCulture);
        configuration["Bridge:KafkaProbeIntervalSeconds"] = "0.5";
        configuration["Bridge:ShutdownFlushSeconds"] = "1";
        configure?.Invoke(configuration);
        Bridge = await TestService.StartAsync(KafkaBridgeExtensions.ServiceName, configuration, b => b.AddKafkaBridge(), a => a.MapKafkaBridgeApi());
        await Eventually.UntilAsync(async () => (await Bridge.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken)).Contains("bridge_mqtt_up 1", StringComparison.Ordinal), "the bridge is subscribed");
        return Bridge;
    }

    public async Task<double> MetricAsync(string series)
    {
        var text = await Bridge!.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        return PrometheusText.Value(text, series);
    }

    public async ValueTask DisposeAsync()
    {
        if (Bridge is not null)
        {
            await Bridge.DisposeAsync();
        }
        await Broker.DisposeAsync();
        EmbeddedKafka?.Dispose();
    }
}
