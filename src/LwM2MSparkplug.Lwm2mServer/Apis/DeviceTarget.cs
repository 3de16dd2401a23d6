using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>The device and LwM2M path a device-management route names.</summary>
public readonly record struct DeviceTarget(string Endpoint, int? ObjectId, int? InstanceId, int? ResourceId, int? ResourceInstanceId)
{
    public Lwm2mPath Path
    {
        get
        {
            var path = Lwm2mPath.Root;
            foreach (var id in new[] { ObjectId, InstanceId, ResourceId, ResourceInstanceId })
            {
                if (id is not { } value)
                {
                    break;
                }
                path = path.Append((ushort)value);
            }
            return path;
        }
    }
}

/// <summary>What the device-management handlers use, bundled.</summary>
public sealed class DeviceServices(
    DeviceRequestClient client,
    IRegistrationStore registrations,
    ObservationStore observations,
    Messaging.Lwm2mServerConnection connection,
    IOptions<Lwm2mServerOptions> options,
    Lwm2mObjectModel model,
    TimeProvider time,
    IHttpContextAccessor http)
{
    public DeviceRequestClient Client { get; } = client;
    public IRegistrationStore Registrations { get; } = registrations;
    public ObservationStore Observations { get; } = observations;
    public IOptions<Lwm2mServerOptions> Options { get; } = options;
    public TimeProvider Time { get; } = time;

    /// <summary>
    /// Sends a request to the device, waiting as long as the route's <c>?timeout=</c> says (see
    /// <see cref="RequestTimeoutParameter"/>); without one, a request for a sleeping queue-mode device is held.
    /// </summary>
    public Task<DeviceResult> SendAsync(string endpoint, Protocols.Lwm2m.Messages.Lwm2mRequest request, CancellationToken cancellationToken) =>
        Client.SendAsync(endpoint, request, RequestTimeoutParameter.Of(http.HttpContext), cancellationToken);

    /// <summary>The device's registration; null when it is not registered.</summary>
    public Registry.Registration? RegistrationOf(string endpoint) => Registrations.TryGet(endpoint, out var registration) ? registration : null;

    /// <summary>The definitions for a device: its registered object versions resolved against the model.</summary>
    public Lwm2mDeviceModel ModelOf(string endpoint) => Registrations.ModelOf(model, endpoint);

    /// <summary>
    /// Null when the request can go to the device; else the problem: unknown device, bad path, an operation the
    /// resource does not allow (405, from the object model), offline, no broker.
    /// </summary>
    public IResult? Check(DeviceTarget target, Lwm2mOperations operation = Lwm2mOperations.None)
    {
        if (!Registrations.TryGet(target.Endpoint, out var registration))
        {
            return Problems.UnknownDevice(target.Endpoint);
        }
        var model = ModelOf(target.Endpoint);
        if (target.ObjectId is not null && model.Validate(target.Path) is { } invalid)
        {
            return Problems.BadRequest($"{target.Path}: {invalid}.");
        }
        if (operation != Lwm2mOperations.None && model.TryGetResource(target.Path, out var resource) && !resource.Operations.HasFlag(operation))
        {
            return Problems.OperationNotAllowed(target.Path, resource, operation);
        }
        if (!registration.Online)
        {
            return TypedResults.Problem($"'{target.Endpoint}' is offline since {registration.OfflineSince:O} (its connection died); it cannot answer.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Device offline");
        }
        if (connection.ConnectionFor(registration.Server) is not { IsConnected: true })
        {
            return TypedResults.Problem("The LwM2M server is not connected to the MQTT broker the device registered on; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable");
        }
        return null;
    }
}
