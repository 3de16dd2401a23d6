using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.SparkplugHost.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.SparkplugHost.Messaging;

/// <summary>
/// The host's timers: fires the Reorder Timeout (closes expired seq gaps and requests rebirths for them), sends the
/// rebirth requests that waited for the global rate, and once a second evicts edge nodes that stayed dead.
/// </summary>
public sealed class SessionTimerService(
    EdgeNodeRegistry registry,
    SparkplugMessageHandler handler,
    RebirthRequester rebirth,
    SparkplugHostMetrics metrics,
    IOptions<SparkplugHostOptions> options,
    TimeProvider time,
    ILogger<SessionTimerService> logger) : BackgroundService
{
    static readonly TimeSpan EvictionInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Check often enough that a gap is closed within a tenth of the timeout (at most every 100 ms).
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.ReorderTimeout.TotalMilliseconds / 10, 10, 100));
        using var timer = new PeriodicTimer(period, time);
        var nextEvictionAt = time.GetUtcNow();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow();
            if (now >= nextEvictionAt)
            {
                EvictDeadNodes(now);
                nextEvictionAt = now + EvictionInterval;
            }
            foreach (var (session, outcome) in registry.Expire(time.GetUtcNow()))
            {
                var topic = SparkplugTopic.ForNode(session.GroupId, SparkplugMessageType.NData, session.EdgeNodeId);
                handler.Report(topic, topic.ToString(), session, outcome);
            }
            rebirth.ReleaseDue();
        }
    }

    void EvictDeadNodes(DateTimeOffset now)
    {
        var retention = options.Value.DeadNodeRetention;
        var evicted = registry.EvictDead(now, retention, options.Value.UnbornNodeRetention);
        if (evicted.Count == 0)
        {
            return;
        }
        foreach (var session in evicted)
        {
            rebirth.Forget(session.GroupId, session.EdgeNodeId);
        }
        metrics.NodesEvicted.Inc(evicted.Count);
        Log.NodesEvicted(logger, evicted.Count, retention.TotalSeconds);
    }
}
