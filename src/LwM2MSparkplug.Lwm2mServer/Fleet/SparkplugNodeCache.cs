using LwM2MSparkplug.Protocols;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// The Sparkplug host's edge nodes as last read, shared by every fleet caller: the host is asked at most once per
/// <c>SPARKPLUG_HOST_CACHE_SECONDS</c>, however many callers there are (they wait for the one read in progress).
/// A failed read is kept for the same interval, so an unreachable host is not asked again by every caller either.
/// </summary>
public sealed class SparkplugNodeCache(SparkplugHostClient client, TimeProvider time, IOptions<Lwm2mServerOptions> options, Lwm2mServerMetrics metrics) : IDisposable
{
    readonly SemaphoreSlim _reading = new(1, 1);
    SparkplugSnapshot? _last;

    /// <summary>The last read, or null before the first; for health, which does not ask the host itself.</summary>
    public SparkplugSnapshot? Last => Volatile.Read(ref _last);

    public async Task<SparkplugSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Last) is { } fresh)
        {
            return fresh;
        }
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(Last) is { } readMeanwhile)
            {
                return readMeanwhile;
            }
            // Not the caller's token: the read is shared, and a caller who leaves must not spoil it for the others.
            var answer = await client.GetNodesAsync(CancellationToken.None);
            // From the end of the read, so a slow host is still asked at most once per interval.
            var asOf = time.GetUtcNow();
            if (answer.Failure != SparkplugHostFailure.None)
            {
                metrics.SparkplugHostFailures.WithLabels(ReasonNames.Of(answer.Failure)).Inc();
            }
            var snapshot = new SparkplugSnapshot(answer.Nodes, new SparkplugSource(answer.Url.ToString(), answer.Failure == SparkplugHostFailure.None, answer.Error, asOf), answer.Failure);
            Volatile.Write(ref _last, snapshot);
            return snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    SparkplugSnapshot? Fresh(SparkplugSnapshot? snapshot) =>
        snapshot is not null && time.GetUtcNow() - snapshot.Source.AsOf < options.Value.SparkplugHostCacheDuration ? snapshot : null;

    public void Dispose() => _reading.Dispose();
}
