using LwM2MSparkplug.SparkplugHost.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.SparkplugHost.Apis;

/// <summary><c>/api/summary</c>: the host's message counters and node counts, cheap to read often.</summary>
public static class SummaryApi
{
    public static RouteHandlerBuilder MapSummaryApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/summary", GetSummary)
            .WithTags("Summary")
            .WithName("GetSummary")
            .WithSummary("The host's counters since it started: messages by type and in total, invalid messages by reason, edge nodes online and known, devices online.");

    public static Ok<HostSummary> GetSummary(SparkplugHostMetrics metrics, EdgeNodeRegistry registry, IOptions<SparkplugHostOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TypedResults.Ok(HostSummary.From(options.Value.HostId, metrics, registry, time.GetUtcNow()));
    }
}
