using LwM2MSparkplug.LoadTest.Measuring;
using LwM2MSparkplug.ServiceDefaults.Mqtt;

namespace LwM2MSparkplug.LoadTest.Stack;

/// <summary>A stack that runs elsewhere (the Compose stack, the standalone process): its broker's <c>$SYS</c> and its services' URLs.</summary>
public sealed class ExternalStack : IStackUnderTest
{
    ExternalStack(LoadTestOptions options, IBrokerCounters broker)
    {
        Mqtt = options.Mqtt;
        SparkplugHostUrl = options.SparkplugHostUrl;
        Lwm2mServerUrl = options.Lwm2mServerUrl;
        BridgeUrl = options.BridgeUrl;
        KafkaBootstrapServers = options.KafkaBootstrapServers;
        Broker = broker;
    }

    public MqttConnectionOptions Mqtt { get; }
    public Uri? SparkplugHostUrl { get; }
    public Uri? Lwm2mServerUrl { get; }
    public Uri? BridgeUrl { get; }
    public string? KafkaBootstrapServers { get; }
    public IBrokerCounters Broker { get; }
    public ServiceClientIds ClientIds => ServiceClientIds.Unknown;
    public bool InProcess => false;

    public static async Task<ExternalStack> ConnectAsync(LoadTestOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ExternalStack(options, await SysTopicBrokerCounters.ConnectAsync(options.Mqtt, cancellationToken));
    }

    public long KafkaRecordsDiscarded() => 0;

    public string Describe() =>
        $"broker {Mqtt.Describe()}, Sparkplug host {SparkplugHostUrl?.ToString() ?? "-"}, LwM2M server {Lwm2mServerUrl?.ToString() ?? "-"}, bridge {BridgeUrl?.ToString() ?? "-"}, Kafka {KafkaBootstrapServers ?? "-"}";

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}
