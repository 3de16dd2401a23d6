using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Overview;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// <c>/api/overview</c>: device counts, message rates, invalid messages, the bridge and the latest events in one answer.
/// Nothing here asks another service: the rates, the host's counters and the bridge come from
/// <see cref="OverviewSampler"/>'s last sample, the edge nodes from <see cref="SparkplugNodeCache"/>.
/// </summary>
public static class OverviewApi
{
    public const int DefaultLatestEvents = 20;
    public const int MaxLatestEvents = 100;

    public static RouteHandlerBuilder MapOverviewApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/overview", GetOverview)
            .WithTags("Overview")
            .WithName("GetOverview")
            .WithSummary($"The console's overview: device counts per protocol (the recently de-registered and expired among them), messages per second per protocol over the last minutes, invalid messages by reason, the Kafka bridge's health and the ?events= (default {DefaultLatestEvents}, at most {MaxLatestEvents}) newest events, newest first.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<Ok<OverviewView>, ProblemHttpResult>> GetOverview(
        [AsParameters] OverviewServices services, CancellationToken cancellationToken, int? events = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (events is < 0 or > MaxLatestEvents)
        {
            return Problems.BadRequest($"'events' must be from 0 to {MaxLatestEvents}; got {events}.");
        }
        var fleet = await services.Fleet.JoinAsync(cancellationToken);
        return TypedResults.Ok(OverviewView.Build(
            fleet.Devices,
            fleet.Sparkplug,
            services.State,
            services.Options.Value.BridgeUrl,
            CounterReadings.ByLabel(services.Metrics.InvalidMessages),
            services.Events.ReadLatest(events ?? DefaultLatestEvents),
            fleet.AsOf));
    }
}
