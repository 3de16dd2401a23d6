using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.ServiceDefaults.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// Every <c>LWM2M_OVERVIEW_INTERVAL_SECONDS</c>: reads the Sparkplug host's summary and the bridge's health once (side
/// by side), counts a failed read by source and reason, and records the sample with the server's own
/// <c>lwm2m_messages_total</c> in <see cref="OverviewState"/>. A sample that fails in an unexpected way is logged and the
/// next one comes as usual.
/// </summary>
public sealed class OverviewSampler(
    OverviewReader reader, OverviewState state, Lwm2mServerMetrics metrics, IOptions<Lwm2mServerOptions> options, TimeProvider time, ILogger<OverviewSampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OverviewInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.OverviewSampleFailed(logger, exception);
            }
        }
    }

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        var host = reader.ReadHostSummaryAsync(cancellationToken);
        var bridge = reader.ReadBridgeHealthAsync(cancellationToken);
        await Task.WhenAll(host, bridge);
        CountFailure("sparkplug_host", (await host).Failure);
        CountFailure("bridge", (await bridge)?.Failure ?? ServiceReadFailure.None);
        state.Record(time.GetUtcNow(), metrics.Messages.Total(), await host, await bridge);
    }

    void CountFailure(string source, ServiceReadFailure failure)
    {
        if (failure != ServiceReadFailure.None)
        {
            metrics.OverviewReadFailures.WithLabels(source, ReasonNames.Of(failure)).Inc();
        }
    }
}
