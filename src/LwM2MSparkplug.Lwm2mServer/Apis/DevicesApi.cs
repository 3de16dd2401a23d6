using LwM2MSparkplug.Lwm2mServer.Messaging;
using LwM2MSparkplug.Lwm2mServer.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>Registered devices: <c>/api/devices</c>.</summary>
public static class DevicesApi
{
    public static RouteGroupBuilder MapDevicesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/devices").WithTags("Devices");
        group.MapGet("/", GetDevices).WithName("GetDevices").WithSummary("Lists the registered LwM2M clients.");
        group.MapGet("/{endpoint}", GetDevice).WithName("GetDevice").WithSummary("Gets one registration.");
        return group;
    }

    public static Ok<IEnumerable<DeviceView>> GetDevices(IRegistrationStore store, SparkplugPresence presence, Lwm2mServerConnection server) =>
        TypedResults.Ok(store.GetAll().Select(r => DeviceView.From(r, presence.Get(r.Endpoint)).AsSeenThrough(server.ConnectionFor(r.Server))));

    public static Results<Ok<DeviceView>, ProblemHttpResult> GetDevice(string endpoint, IRegistrationStore store, SparkplugPresence presence, Lwm2mServerConnection server) =>
        store.TryGet(endpoint, out var registration)
            ? TypedResults.Ok(DeviceView.From(registration, presence.Get(endpoint)).AsSeenThrough(server.ConnectionFor(registration.Server)))
            : TypedResults.Problem($"No LwM2M client is registered with endpoint '{endpoint}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown device");
}
