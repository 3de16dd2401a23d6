namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// What <see cref="OverviewSampler"/> last found, for <c>/api/overview</c> to show without asking anyone: the rate
/// series, the last read of the Sparkplug host's summary and the last read of the bridge's health (null before the
/// first sample, and the bridge's also when no bridge is configured).
/// </summary>
public sealed class OverviewState(MessageRateSeries rates)
{
    ServiceRead<HostSummary>? _host;
    ServiceRead<BridgeHealth>? _bridge;

    public MessageRateSeries Rates => rates;

    public ServiceRead<HostSummary>? Host => Volatile.Read(ref _host);

    public ServiceRead<BridgeHealth>? Bridge => Volatile.Read(ref _bridge);

    /// <summary>Records one sample: the LwM2M counter's total at <paramref name="at"/> and the reads made for it.</summary>
    public void Record(DateTimeOffset at, double lwm2mMessagesTotal, ServiceRead<HostSummary> host, ServiceRead<BridgeHealth>? bridge)
    {
        ArgumentNullException.ThrowIfNull(host);
        rates.Add(at, lwm2mMessagesTotal, host.Value?.MessagesTotal);
        Volatile.Write(ref _host, host);
        Volatile.Write(ref _bridge, bridge);
    }
}
