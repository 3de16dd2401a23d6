namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// How many of a node's metrics (its own and its devices') are good, bad or stale. Stale: the host marks it stale or
/// its quality is Sparkplug's stale (500); good: quality 192; bad: any other quality (Sparkplug's 0 among them).
/// </summary>
public sealed record MetricQualityCounts(int Good, int Bad, int Stale)
{
    const int GoodQuality = 192;
    const int StaleQuality = 500;

    public static MetricQualityCounts Of(IEnumerable<HostMetric> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        int good = 0, bad = 0, stale = 0;
        foreach (var metric in metrics)
        {
            if (metric.Stale || metric.Quality == StaleQuality)
            {
                stale++;
            }
            else if (metric.Quality == GoodQuality)
            {
                good++;
            }
            else
            {
                bad++;
            }
        }
        return new MetricQualityCounts(good, bad, stale);
    }
}
