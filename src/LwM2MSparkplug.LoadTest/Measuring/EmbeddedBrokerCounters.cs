using LwM2MSparkplug.Standalone.Broker;

namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>The embedded broker's own statistics, read directly: exact at any moment, drops per receiving client.</summary>
public sealed class EmbeddedBrokerCounters(BrokerStatistics statistics) : IBrokerCounters
{
    public Task<BrokerSnapshot> ReadAsync(bool fresh, CancellationToken cancellationToken) =>
        Task.FromResult(new BrokerSnapshot(
            statistics.PublishesReceived,
            statistics.Dropped,
            statistics.DroppedByClient().GroupBy(d => d.ClientId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.Count), StringComparer.Ordinal)));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
