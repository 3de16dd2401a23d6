using System.Diagnostics;
using LwM2MSparkplug.LoadTest.Devices;
using LwM2MSparkplug.LoadTest.Stack;

namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>Reads a <see cref="StackSnapshot"/>: the fleet's counts, the broker's, each service's <c>/metrics</c>, Kafka's.</summary>
public sealed class StackReader(IStackUnderTest stack, OfferedCounts offered, ServiceProbes probes)
{
    public KafkaRecordCounter? Kafka { get; set; }
    public BaselineSubscriber? Baseline { get; set; }

    /// <summary>Reads every count; <paramref name="freshBroker"/> waits for the broker's next report (a <c>$SYS</c> broker reports every few seconds).</summary>
    public async Task<StackSnapshot> ReadAsync(bool freshBroker, CancellationToken cancellationToken)
    {
        var broker = await stack.Broker.ReadAsync(freshBroker, cancellationToken);
        var host = probes.SparkplugHost.ScrapeAsync(cancellationToken);
        var lwm2m = probes.Lwm2mServer.ScrapeAsync(cancellationToken);
        var bridge = probes.Bridge.ScrapeAsync(cancellationToken);
        return new StackSnapshot(
            DateTimeOffset.UtcNow,
            offered.Snapshot(),
            broker,
            await host,
            await lwm2m,
            await bridge,
            Kafka?.Snapshot() ?? KafkaCounts.Empty,
            Baseline?.Received ?? 0,
            stack.KafkaRecordsDiscarded(),
            Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    }
}

/// <summary>The three services' probes.</summary>
public sealed record ServiceProbes(ServiceProbe SparkplugHost, ServiceProbe Lwm2mServer, ServiceProbe Bridge)
{
    public IReadOnlyList<ServiceProbe> All => [SparkplugHost, Lwm2mServer, Bridge];
}
