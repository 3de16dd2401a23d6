using Prometheus;

namespace LwM2MSparkplug.ServiceDefaults.Observability;

/// <summary>Response body sizes per endpoint; prometheus-net's HTTP metrics do not record sizes.</summary>
public sealed class HttpResponseSizeMetrics(IMetricFactory factory)
{
    public Histogram ResponseSize { get; } = factory.CreateHistogram(
        "http_response_size_bytes",
        "Size of HTTP response bodies in bytes.",
        ["method", "endpoint", "code"],
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(64, 4, 10) });
}
