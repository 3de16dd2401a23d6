using LwM2MSparkplug.Lwm2mServer.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// Every device with both protocols: <c>/api/fleet</c>, the LwM2M registry joined with the Sparkplug host's edge nodes
/// (read through <see cref="SparkplugNodeCache"/>, so callers never reach the host more than once per interval).
/// </summary>
public static class FleetApi
{
    public static RouteGroupBuilder MapFleetApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/fleet").WithTags("Fleet");
        group.MapGet("/", GetFleet)
            .WithName("GetFleet")
            .WithSummary("Lists every device with its LwM2M registration and its Sparkplug edge node: ?offset=&limit= pages, ?sort=endpoint|lwm2m_state|sparkplug_online|last_update_at (- for descending), ?filter= (endpoint substring), ?protocol=lwm2m|sparkplug|both, ?state=registered|offline|deregistered|expired|unregistered (de-registered and expired devices stay listed, with left_at, for LWM2M_FLEET_RETENTION_SECONDS).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    public static async Task<Results<Ok<FleetPage>, ProblemHttpResult>> GetFleet(
        [AsParameters] FleetServices services,
        CancellationToken cancellationToken,
        int? offset = null,
        int? limit = null,
        string? sort = null,
        string? filter = null,
        string? protocol = null,
        string? state = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = services.Options.Value;
        if (!FleetQuery.TryCreate(offset, limit, sort, filter, protocol, state, settings.FleetPageSize, settings.FleetMaxPageSize, out var query, out var error))
        {
            return Problems.BadRequest(error!);
        }
        var snapshot = await services.Sparkplug.GetAsync(cancellationToken);
        var devices = FleetMerge.Merge(services.Registrations.GetAll(), services.Gone.Snapshot(), snapshot.Nodes, services.Time.GetUtcNow());
        return TypedResults.Ok(query.Apply(devices, snapshot.Source));
    }
}
