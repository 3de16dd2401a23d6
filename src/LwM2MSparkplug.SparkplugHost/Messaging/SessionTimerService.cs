using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.SparkplugHost.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.SparkplugHost.Messaging;

/// <summary>
/// The host's timers: fires the Reorder Timeout (closes expired seq gaps and requests rebirths for them) and sends the
/// rebirth requests that waited for the global rate.
/// </summary>
public sealed class SessionTimerService(
    EdgeNodeRegistry registry,
    SparkplugMessageHandler handler,
    RebirthRequester rebirth,
    IOptions<SparkplugHostOptions> options,
    TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Check often enough that a gap is closed within a tenth of the timeout (at most every 100 ms).
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.ReorderTimeout.TotalMilliseconds / 10, 10, 100));
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (session, outcome) in registry.Expire(time.GetUtcNow()))
            {
                var topic = SparkplugTopic.ForNode(session.GroupId, SparkplugMessageType.NData, session.EdgeNodeId);
                handler.Report(topic, topic.ToString(), session, outcome);
            }
            rebirth.ReleaseDue();
        }
    }
}
