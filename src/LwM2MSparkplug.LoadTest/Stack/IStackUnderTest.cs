using LwM2MSparkplug.LoadTest.Measuring;
using LwM2MSparkplug.ServiceDefaults.Mqtt;

namespace LwM2MSparkplug.LoadTest.Stack;

/// <summary>Where the load goes and where its counts are read: a stack already running, or one started in-process.</summary>
public interface IStackUnderTest : IAsyncDisposable
{
    /// <summary>How the virtual devices and the load test's own clients reach the broker.</summary>
    MqttConnectionOptions Mqtt { get; }

    Uri? SparkplugHostUrl { get; }
    Uri? Lwm2mServerUrl { get; }
    Uri? BridgeUrl { get; }
    string? KafkaBootstrapServers { get; }
    IBrokerCounters Broker { get; }

    /// <summary>The services' MQTT client ids where known, to tell whose messages the broker dropped.</summary>
    ServiceClientIds ClientIds { get; }

    /// <summary>True when the services run in this process: their CPU and memory are the load test's own.</summary>
    bool InProcess { get; }

    /// <summary>Records the embedded Kafka discarded to stay under its cap (0 for a real Kafka).</summary>
    long KafkaRecordsDiscarded();

    string Describe();
}

public sealed record ServiceClientIds(string? SparkplugHost, string? Lwm2mServer, string? Bridge)
{
    public static readonly ServiceClientIds Unknown = new(null, null, null);
}
