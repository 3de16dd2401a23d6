using LwM2MSparkplug.Standalone.Broker;

namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>
/// The embedded broker's own statistics, read directly: exact at any moment, drops per receiving client, and each
/// session's queue (so messages queued at a phase's start or end are pending, not lost or delivered twice).
/// </summary>
public sealed class EmbeddedBrokerCounters(EmbeddedMqttBroker broker) : IBrokerCounters
{
    public async Task<BrokerSnapshot> ReadAsync(bool fresh, CancellationToken cancellationToken)
    {
        var statistics = broker.Statistics;
        var sessions = await broker.Server.GetSessionsAsync();
        return new BrokerSnapshot(
            statistics.PublishesReceived,
            statistics.Dropped,
            statistics.DroppedByClient().GroupBy(d => d.ClientId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.Count), StringComparer.Ordinal),
            sessions.ToDictionary(s => s.Id, s => s.PendingApplicationMessagesCount, StringComparer.Ordinal));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
