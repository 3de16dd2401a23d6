using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// The object model, as Eclipse Leshan's demo server serves it: <c>/api/objectspecs</c> (every object and version
/// known) and <c>/api/devices/{endpoint}/objectspecs</c> (the objects a device registered, at its versions).
/// </summary>
public static class ObjectSpecsApi
{
    public static IEndpointRouteBuilder MapObjectSpecsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/objectspecs", GetObjectSpecs).WithTags("Object model").WithName("GetObjectSpecs")
            .WithSummary("Every object definition known: the built-in OMA registry objects and those from LWM2M_MODELS_DIR, each version.");
        endpoints.MapGet("/api/devices/{endpoint}/objectspecs", GetDeviceObjectSpecs).WithTags("Object model").WithName("GetDeviceObjectSpecs")
            .WithSummary("The objects a device registered, each at the version it registered (ver, else 1.0); unknown ones have known=false.");
        return endpoints;
    }

    public static Ok<IEnumerable<ObjectSpecView>> GetObjectSpecs(Lwm2mObjectModel model) =>
        TypedResults.Ok(model.Objects.Select(ObjectSpecView.From));

    public static Results<Ok<IEnumerable<DeviceObjectSpecView>>, ProblemHttpResult> GetDeviceObjectSpecs(string endpoint, IRegistrationStore store, Lwm2mObjectModel model)
    {
        if (!store.TryGet(endpoint, out var registration))
        {
            return Problems.UnknownDevice(endpoint);
        }
        var device = model.ForVersions(registration.Objects.Versions);
        var objectIds = registration.Objects.Links.Select(link => link.ObjectId!.Value).Distinct().Order();
        return TypedResults.Ok(objectIds.Select(id => device.TryGetObject(id, out var definition)
            ? new DeviceObjectSpecView(id, definition.Version, true, ObjectSpecView.From(definition))
            : new DeviceObjectSpecView(id, device.VersionOf(id), false, null)));
    }
}
