using LwM2MSparkplug.DeviceSimulator.Devices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LwM2MSparkplug.DeviceSimulator.Apis;

/// <summary>The simulator's devices: <c>/api/devices</c>.</summary>
public static class SimulatorApi
{
    public static RouteGroupBuilder MapSimulatorApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/devices").WithTags("Simulated devices");
        group.MapGet("/", GetDevices).WithName("GetSimulatedDevices").WithSummary("Lists the simulated devices with their connection state and readings.");
        group.MapGet("/{deviceId}", GetDevice).WithName("GetSimulatedDevice").WithSummary("Gets one simulated device.");
        return group;
    }

    public static Ok<IEnumerable<SimulatedDeviceView>> GetDevices(DeviceFleet fleet) =>
        TypedResults.Ok(fleet.Devices.Select(SimulatedDeviceView.From));

    public static Results<Ok<SimulatedDeviceView>, ProblemHttpResult> GetDevice(string deviceId, DeviceFleet fleet) =>
        fleet.Devices.FirstOrDefault(d => d.DeviceId == deviceId) is { } device
            ? TypedResults.Ok(SimulatedDeviceView.From(device))
            : TypedResults.Problem($"This simulator runs no device '{deviceId}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown device");
}
