using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// Device management in the style of Eclipse Leshan's REST API: <c>/api/devices/{endpoint}/{objectId}/{instanceId}/…</c>
/// read (GET), write (PUT), execute and create (POST), delete (DELETE), plus discover, attributes, observe and the
/// composite operations under <c>/composite</c> (Read-, Write- and Observe-Composite). Device answers map to HTTP (4.04 → 404, 4.00 → 400, 4.05 → 405, 4.06 → 406, 5.xx → 502; an answer that
/// does not fit the contract → 502; no answer → 504). Input that cannot be used is a 400 problem naming the field.
/// Every route takes <c>?timeout=</c> (<see cref="RequestTimeoutParameter"/>); a request for a sleeping queue-mode
/// device is held and answered 202, or waited for when it gives a timeout.
/// </summary>
public static class DeviceManagementApi
{
    const string ObjectSegment = "{objectId:int:range(0,65534)}";
    const string InstanceSegment = "{instanceId:int:range(0,65534)}";
    const string ResourceSegment = "{resourceId:int:range(0,65534)}";
    const string ResourceInstanceSegment = "{resourceInstanceId:int:range(0,65534)}";

    public static RouteGroupBuilder MapDeviceManagementApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/devices/{endpoint}")
            .WithTags("Device management")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(QueuedRequestView), ["application/json"]))
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter((context, next) => RequestTimeoutParameter.Validate(context, next, context.HttpContext.RequestServices.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value.MaxRequestTimeout))
            .AddOpenApiOperationTransformer(RequestTimeoutParameter.Describe);
        var paths = new[]
        {
            ObjectSegment,
            $"{ObjectSegment}/{InstanceSegment}",
            $"{ObjectSegment}/{InstanceSegment}/{ResourceSegment}",
            $"{ObjectSegment}/{InstanceSegment}/{ResourceSegment}/{ResourceInstanceSegment}",
        };
        foreach (var path in paths)
        {
            group.MapGet(path, Read).WithSummary("Read (?format= senml, senml+cbor, lwm2m+cbor, cbor, text, opaque; tlv and lwm2m+json for LwM2M 1.0 JSON-contract devices).");
            group.MapPut(path, Write).WithSummary("Write: {\"value\":…} for a resource, {\"resources\":{…}} for an instance; ?replace=false for a partial update; ?format= for what is sent (default senml+json, senml+cbor for OMA-binding devices).").ProducesProblem(StatusCodes.Status413PayloadTooLarge);
            group.MapGet($"{path}/discover", Discover).WithSummary("Discover: the path and what lies below it down to ?depth= (0-3), with attributes, ver and dim.");
            group.MapPut($"{path}/attributes", WriteAttributes).WithSummary("Write-Attributes: pmin, pmax, gt, lt, st, epmin, epmax, edge, con, hqmax (null unsets).").ProducesProblem(StatusCodes.Status413PayloadTooLarge);
            group.MapPost($"{path}/observe", Observe).WithSummary("Observe: the current value now (?format= as for Read), notifications into /api/events.");
            group.MapDelete($"{path}/observe", CancelObserve).WithSummary("Cancel every observation of this path.");
        }
        group.MapPost(paths[2], Execute).WithSummary("Execute, with optional {\"args\":\"…\"}.").ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPost(paths[0], Create).WithSummary("Create an object instance: {\"resources\":{…},\"instance_id\":n}.").ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete(paths[1], Delete).WithSummary("Delete an object instance.");
        group.MapGet("/composite", ReadComposite).WithSummary("Read-Composite: ?paths=/3/0/9&paths=/3303/0/5700.");
        group.MapPut("/composite", WriteComposite).WithSummary("Write-Composite: {\"/3/0/14\":\"+02:00\",\"/1/0/1\":120}, all or nothing.").ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPost("/composite/observe", ObserveComposite).WithSummary("Observe-Composite: ?paths=/3/0/9&paths=/3303/0/5700; the values now, notifications of all of them into /api/events.");
        group.MapDelete("/composite/observe", CancelObserveComposite).WithSummary("Cancel the Observe-Composite of exactly these ?paths= (in any order).");
        group.MapGet("/observations", GetObservations).WithSummary("The observations established on the device.");
        return group;
    }

    public static async Task<IResult> Read(
        [AsParameters] DeviceTarget target, [FromQuery] string? format, DeviceServices services, CancellationToken cancellationToken)
    {
        if (services.Check(target, Lwm2mOperations.Read) is { } problem)
        {
            return problem;
        }
        if (ContentFormatQuery.TryParse(format, services.RegistrationOf(target.Endpoint), out var accept) is { } badFormat)
        {
            return badFormat;
        }
        var result = await services.SendAsync(target.Endpoint, new Lwm2mRequest(Lwm2mOperation.Read) { Path = target.Path, Accept = accept }, cancellationToken);
        return DeviceResults.ToHttp(result, response =>
            ReadValues(target.Path, response, services.ModelOf(target.Endpoint)) is { } values
                ? TypedResults.Ok(new ReadView(target.Endpoint, target.Path.ToString(), response.Code!.Value.ToString(), values))
                : Problems.BadGateway("The device answered content that is not valid for the path."));
    }

    public static async Task<IResult> ReadComposite(
        string endpoint, [FromQuery] string[]? paths, DeviceServices services, CancellationToken cancellationToken)
    {
        if (ParsePaths(paths, out var parsed) is { } invalid)
        {
            return invalid;
        }
        if (services.Check(new DeviceTarget(endpoint, null, null, null, null)) is { } problem)
        {
            return problem;
        }
        var result = await services.SendAsync(endpoint, new Lwm2mRequest(Lwm2mOperation.ReadComposite) { Paths = parsed }, cancellationToken);
        return DeviceResults.ToHttp(result, response =>
            ReadValues(null, response, services.ModelOf(endpoint)) is { } values
                ? TypedResults.Ok(new ReadView(endpoint, null, response.Code!.Value.ToString(), values))
                : Problems.BadGateway("The device answered content that is not SenML."));
    }

    public static async Task<IResult> Write(
        [AsParameters] DeviceTarget target, [FromQuery] bool? replace, [FromQuery] string? format, [FromBody] WriteRequestBody body, DeviceServices services, CancellationToken cancellationToken)
    {
        if (services.Check(target, Lwm2mOperations.Write) is { } problem)
        {
            return problem;
        }
        if (ContentFormatQuery.TryParse(format, services.RegistrationOf(target.Endpoint), out var contentFormat) is { } badFormat)
        {
            return badFormat;
        }
        var model = services.ModelOf(target.Endpoint);
        if ((Problems.InvalidText(body.Value, "value") ?? Problems.InvalidText(body.Resources, "resources")) is { } invalidText)
        {
            return invalidText;
        }
        IReadOnlyList<Lwm2mResourceValue> values;
        string error;
        if (target.Path.Depth >= 3)
        {
            if (body.Value is not { } value)
            {
                return Problems.BadRequest($"'value' is required: writing {target.Path} needs {{\"value\": …}}.");
            }
            if (!Lwm2mValueConverter.TryFromJson(target.Path, value, model, out var single, out error))
            {
                return Problems.BadRequest("'value': " + error);
            }
            values = [single];
        }
        else if (target.Path.IsObjectInstance && body.Resources is { } resources)
        {
            if (!Lwm2mValueConverter.TryFromJsonInstance(target.Path, resources, model, out values, out error))
            {
                return Problems.BadRequest("'resources': " + error);
            }
            foreach (var written in values)
            {
                var resourcePath = written.Path.IsResourceInstance ? written.Path.Parent : written.Path;
                if (model.TryGetResource(resourcePath, out var resource) && !resource.IsWritable)
                {
                    return Problems.OperationNotAllowed(resourcePath, resource, Lwm2mOperations.Write);
                }
            }
        }
        else
        {
            return Problems.BadRequest("Write targets a resource ({\"value\": …}) or an object instance ({\"resources\": {…}}).");
        }
        if (ContentFormatQuery.CannotCarry(contentFormat, values) is { } unfit)
        {
            return unfit;
        }
        var sentAs = contentFormat ?? ContentFormatQuery.DefaultFor(services.RegistrationOf(target.Endpoint));
        var request = new Lwm2mRequest(Lwm2mOperation.Write)
        {
            Path = target.Path,
            Replace = replace ?? true,
            Format = sentAs,
            Payload = Lwm2mContent.ToPayload(values, sentAs),
        };
        var result = await services.SendAsync(target.Endpoint, request, cancellationToken);
        return DeviceResults.ToHttp(result, response => Changed(target, response));
    }

    /// <summary>
    /// Write-Composite (Core §6.3.8): the body maps resource paths to values, as a resource Write's <c>value</c>. It is
    /// checked against the object model first, so a value the device could not take is refused without a request.
    /// </summary>
    public static async Task<IResult> WriteComposite(
        string endpoint, [FromBody] JsonElement body, DeviceServices services, CancellationToken cancellationToken)
    {
        if (Problems.InvalidText(body, "body") is { } invalidText)
        {
            return invalidText;
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Problems.BadRequest("The body must be an object mapping resource paths to values, e.g. {\"/3/0/14\":\"+02:00\",\"/1/0/1\":120}.");
        }
        var model = services.ModelOf(endpoint);
        var values = new List<Lwm2mResourceValue>();
        foreach (var property in body.EnumerateObject())
        {
            if (!Lwm2mPath.TryParse(property.Name, out var path) || path.Depth < 3)
            {
                return Problems.BadRequest($"'{property.Name}' is not the path of a resource or resource instance, such as /3/0/14.");
            }
            if (model.Validate(path) is { } undefined)
            {
                return Problems.BadRequest($"{path}: {undefined}.");
            }
            var resourcePath = path.IsResourceInstance ? path.Parent : path;
            if (model.TryGetResource(resourcePath, out var resource) && !resource.IsWritable)
            {
                return Problems.OperationNotAllowed(resourcePath, resource, Lwm2mOperations.Write);
            }
            if (!Lwm2mValueConverter.TryFromJson(path, property.Value, model, out var value, out var error))
            {
                return Problems.BadRequest($"'{property.Name}': {error}");
            }
            values.Add(value);
        }
        if (values.Count == 0)
        {
            return Problems.BadRequest("Write-Composite needs at least one path and value, e.g. {\"/3/0/14\":\"+02:00\"}.");
        }
        if (services.Check(new DeviceTarget(endpoint, null, null, null, null)) is { } problem)
        {
            return problem;
        }
        var sentAs = ContentFormatQuery.DefaultFor(services.RegistrationOf(endpoint));
        var request = new Lwm2mRequest(Lwm2mOperation.WriteComposite)
        {
            Format = sentAs,
            Payload = Lwm2mContent.ToPayload(values, sentAs),
        };
        var result = await services.SendAsync(endpoint, request, cancellationToken);
        return DeviceResults.ToHttp(result, response =>
            TypedResults.Ok(new ChangeView(endpoint, null, response.Code!.Value.ToString())));
    }

    public static async Task<IResult> Execute(
        [AsParameters] DeviceTarget target, [FromBody] ExecuteRequestBody? body, DeviceServices services, CancellationToken cancellationToken)
    {
        if (services.Check(target, Lwm2mOperations.Execute) is { } problem)
        {
            return problem;
        }
        var result = await services.SendAsync(target.Endpoint, new Lwm2mRequest(Lwm2mOperation.Execute) { Path = target.Path, Arguments = body?.Args }, cancellationToken);
        return DeviceResults.ToHttp(result, response => Changed(target, response));
    }

    public static async Task<IResult> Create(
        [AsParameters] DeviceTarget target, [FromBody] CreateRequestBody body, DeviceServices services, CancellationToken cancellationToken)
    {
        if (services.Check(target) is { } problem)
        {
            return problem;
        }
        if (body.InstanceId is < 0 or > Lwm2mPath.MaxId)
        {
            return Problems.BadRequest($"'instance_id' must be from 0 to {Lwm2mPath.MaxId}.");
        }
        if (Problems.InvalidText(body.Resources, "resources") is { } invalidText)
        {
            return invalidText;
        }
        // Without an id, take the lowest one the device's registered object list does not use.
        var used = services.Registrations.TryGet(target.Endpoint, out var registration)
            ? registration.Objects.Links.Where(target.Path.Contains).Select(p => p.ObjectInstanceId).ToHashSet()
            : [];
        var instanceId = body.InstanceId ?? Enumerable.Range(0, Lwm2mPath.MaxId + 1).FirstOrDefault(i => !used.Contains((ushort)i), -1);
        if (instanceId < 0)
        {
            return Problems.BadRequest($"{target.Path} has no free instance id; give 'instance_id'.");
        }
        var instance = target.Path.Append((ushort)instanceId);
        if (!Lwm2mValueConverter.TryFromJsonInstance(instance, body.Resources, services.ModelOf(target.Endpoint), out var values, out var error))
        {
            return Problems.BadRequest("'resources': " + error);
        }
        var sentAs = ContentFormatQuery.DefaultFor(registration);
        var payload = Lwm2mContent.ToPayload(values, sentAs);
        var result = await services.SendAsync(target.Endpoint, new Lwm2mRequest(Lwm2mOperation.Create) { Path = target.Path, Format = sentAs, Payload = payload }, cancellationToken);
        // The request named the instance, so its path is known even when the device's answer carries none (the OMA binding has no key for it).
        return DeviceResults.ToHttp(result, response =>
        {
            var location = response.Location ?? instance.ToString();
            return TypedResults.Created($"/api/devices/{target.Endpoint}{location}", new ChangeView(target.Endpoint, target.Path.ToString(), response.Code!.Value.ToString(), location));
        });
    }

    public static async Task<IResult> Delete([AsParameters] DeviceTarget target, DeviceServices services, CancellationToken cancellationToken)
    {
        if (services.Check(target) is { } problem)
        {
            return problem;
        }
        var result = await services.SendAsync(target.Endpoint, new Lwm2mRequest(Lwm2mOperation.Delete) { Path = target.Path }, cancellationToken);
        return DeviceResults.ToHttp(result, response => Changed(target, response));
    }

    public static async Task<IResult> Discover([AsParameters] DeviceTarget target, [FromQuery] int? depth, DeviceServices services, CancellationToken cancellationToken)
    {
        if (services.Check(target) is { } problem)
        {
            return problem;
        }
        if (depth is < 0 or > Lwm2mEnvelopeCodec.MaxDiscoverDepth)
        {
            return Problems.BadRequest($"'depth' {depth} is not a Discover depth: use 0 (the path only) to {Lwm2mEnvelopeCodec.MaxDiscoverDepth} (down to resource instances), or leave it out for the level's default.");
        }
        var result = await services.SendAsync(target.Endpoint, new Lwm2mRequest(Lwm2mOperation.Discover) { Path = target.Path, Depth = depth }, cancellationToken);
        return DeviceResults.ToHttp(result, response =>
            response.Payload is { ValueKind: JsonValueKind.String } links
                ? TypedResults.Ok(new DiscoverView(target.Endpoint, target.Path.ToString(), response.Code!.Value.ToString(), links.GetString()!))
                : Problems.BadGateway("The device answered Discover without a link-format payload."));
    }

    public static async Task<IResult> WriteAttributes(
        [AsParameters] DeviceTarget target, [FromBody] JsonElement attributes, DeviceServices services, CancellationToken cancellationToken)
    {
        if (services.Check(target) is { } problem)
        {
            return problem;
        }
        if (Problems.InvalidText(attributes, "attributes") is { } invalidText)
        {
            return invalidText;
        }
        if (!NotificationAttributes.TryApply(NotificationAttributes.None, attributes, out _, out var error))
        {
            return Problems.BadRequest(error);
        }
        var result = await services.SendAsync(target.Endpoint, new Lwm2mRequest(Lwm2mOperation.WriteAttributes) { Path = target.Path, Attributes = attributes }, cancellationToken);
        return DeviceResults.ToHttp(result, response => Changed(target, response));
    }

    public static async Task<IResult> Observe([AsParameters] DeviceTarget target, [FromQuery] string? format, DeviceServices services, CancellationToken cancellationToken)
    {
        if (services.Check(target, Lwm2mOperations.Read) is { } problem)
        {
            return problem;
        }
        if (ContentFormatQuery.TryParse(format, services.RegistrationOf(target.Endpoint), out var accept) is { } badFormat)
        {
            return badFormat;
        }
        if (!services.Registrations.TryGet(target.Endpoint, out var registration))
        {
            return Problems.UnknownDevice(target.Endpoint);
        }
        // Recorded before the request goes out: the device may notify right after its answer, before the answer is
        // matched here, and the place is taken before a concurrent Observe can take it.
        var observationId = NewObservationId();
        if (!services.Observations.TryAdd(new Observation(observationId, target.Endpoint, registration.RegistrationId, [target.Path], services.Time.GetUtcNow())))
        {
            return Problems.ObservationLimitReached(target.Endpoint, services.Observations.MaxPerEndpoint);
        }
        var result = await services.SendAsync(target.Endpoint, new Lwm2mRequest(Lwm2mOperation.Observe) { Path = target.Path, ObservationId = observationId, Accept = accept }, cancellationToken);
        var established = false;
        var answer = DeviceResults.ToHttp(result, response =>
        {
            if (ReadValues(target.Path, response, services.ModelOf(target.Endpoint)) is not { } values)
            {
                return Problems.BadGateway("The device answered content that is not valid for the path.");
            }
            established = true;
            return TypedResults.Ok(new ReadView(target.Endpoint, target.Path.ToString(), response.Code!.Value.ToString(), values, observationId));
        });
        // A held Observe keeps its place; if it fails once sent, DeviceRequestClient removes it.
        if (!established && result.Queued is null)
        {
            services.Observations.Remove(observationId);
        }
        return answer;
    }

    /// <summary>Observe-Composite (Core §6.4.3): one observation of several paths, recorded before the request as Observe is.</summary>
    public static async Task<IResult> ObserveComposite(
        string endpoint, [FromQuery] string[]? paths, DeviceServices services, CancellationToken cancellationToken)
    {
        if (ParsePaths(paths, out var parsed) is { } invalid)
        {
            return invalid;
        }
        var model = services.ModelOf(endpoint);
        foreach (var path in parsed)
        {
            if (model.Validate(path) is { } undefined)
            {
                return Problems.BadRequest($"{path}: {undefined}.");
            }
            if (model.TryGetResource(path, out var resource) && !resource.Operations.HasFlag(Lwm2mOperations.Read))
            {
                return Problems.OperationNotAllowed(path, resource, Lwm2mOperations.Read);
            }
        }
        if (services.Check(new DeviceTarget(endpoint, null, null, null, null)) is { } problem)
        {
            return problem;
        }
        if (!services.Registrations.TryGet(endpoint, out var registration))
        {
            return Problems.UnknownDevice(endpoint);
        }
        var observationId = NewObservationId();
        if (!services.Observations.TryAdd(new Observation(observationId, endpoint, registration.RegistrationId, parsed, services.Time.GetUtcNow()) { IsComposite = true }))
        {
            return Problems.ObservationLimitReached(endpoint, services.Observations.MaxPerEndpoint);
        }
        var result = await services.SendAsync(endpoint, new Lwm2mRequest(Lwm2mOperation.ObserveComposite) { Paths = parsed, ObservationId = observationId }, cancellationToken);
        var established = false;
        var answer = DeviceResults.ToHttp(result, response =>
        {
            if (ReadValues(null, response, model) is not { } values)
            {
                return Problems.BadGateway("The device answered content that is not SenML.");
            }
            established = true;
            return TypedResults.Ok(new ReadView(endpoint, null, response.Code!.Value.ToString(), values, observationId));
        });
        // A held Observe-Composite keeps its place; if it fails once sent, DeviceRequestClient removes it.
        if (!established && result.Queued is null)
        {
            services.Observations.Remove(observationId);
        }
        return answer;
    }

    /// <summary>Cancels the Observe-Composite of exactly these paths, with cancel-observe by its id (the contract has no other cancel).</summary>
    public static async Task<IResult> CancelObserveComposite(
        string endpoint, [FromQuery] string[]? paths, DeviceServices services, CancellationToken cancellationToken)
    {
        if (ParsePaths(paths, out var parsed) is { } invalid)
        {
            return invalid;
        }
        if (services.Check(new DeviceTarget(endpoint, null, null, null, null)) is { } problem)
        {
            return problem;
        }
        var matching = services.Observations.ForEndpoint(endpoint).Where(o => o.IsComposite && o.Paths.ToHashSet().SetEquals(parsed)).ToList();
        if (matching.Count == 0)
        {
            return TypedResults.Problem($"No composite observation of {string.Join(", ", parsed)} on '{endpoint}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown observation");
        }
        return await CancelAsync(endpoint, null, matching, services, cancellationToken);
    }

    public static async Task<IResult> CancelObserve([AsParameters] DeviceTarget target, DeviceServices services, CancellationToken cancellationToken)
    {
        if (services.Check(target) is { } problem)
        {
            return problem;
        }
        var matching = services.Observations.ForEndpoint(target.Endpoint).Where(o => !o.IsComposite && o.Paths[0] == target.Path).ToList();
        if (matching.Count == 0)
        {
            return TypedResults.Problem($"No observation of {target.Path} on '{target.Endpoint}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown observation");
        }
        return await CancelAsync(target.Endpoint, target.Path.ToString(), matching, services, cancellationToken);
    }

    static async Task<IResult> CancelAsync(string endpoint, string? path, List<Observation> observations, DeviceServices services, CancellationToken cancellationToken)
    {
        DeviceResult? last = null;
        foreach (var observation in observations)
        {
            last = await services.SendAsync(endpoint, new Lwm2mRequest(Lwm2mOperation.CancelObserve) { ObservationId = observation.Id }, cancellationToken);
            // The server stops listening either way (Core §6.4.2: it may also just forget an observation).
            services.Observations.Remove(observation.Id);
        }
        return DeviceResults.ToHttp(last!, response =>
            TypedResults.Ok(new ChangeView(endpoint, path, response.Code!.Value.ToString(), Cancelled: observations.Count)));
    }

    public static Results<Ok<IEnumerable<ObservationView>>, ProblemHttpResult> GetObservations(string endpoint, IRegistrationStore store, ObservationStore observations) =>
        store.TryGet(endpoint, out _)
            ? TypedResults.Ok(observations.ForEndpoint(endpoint).Select(o => o.IsComposite
                ? new ObservationView(o.Id, null, o.CreatedAt, o.Notifications, o.LastNotificationAt, [.. o.Paths.Select(p => p.ToString())])
                : new ObservationView(o.Id, o.Paths[0].ToString(), o.CreatedAt, o.Notifications, o.LastNotificationAt)))
            : Problems.UnknownDevice(endpoint);

    /// <summary>A random 64-bit number: the observation's token when the device speaks the OMA binding, a topic level in the JSON contract.</summary>
    static string NewObservationId() => PendingRequests.NewToken();

    /// <summary>The <c>paths</c> of a composite route, repeated or comma-separated; null when usable, else the problem.</summary>
    static ProblemHttpResult? ParsePaths(string[]? paths, out List<Lwm2mPath> parsed)
    {
        parsed = [];
        foreach (var text in (paths ?? []).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Lwm2mPath.TryParse(text, out var path) || path.IsRoot)
            {
                return Problems.BadRequest($"'paths': '{text}' is not an LwM2M path such as /3/0/9.");
            }
            parsed.Add(path);
        }
        return parsed.Count == 0 ? Problems.BadRequest("'paths' needs at least one path, e.g. ?paths=/3/0/9&paths=/3303/0/5700.") : null;
    }

    static Ok<ChangeView> Changed(DeviceTarget target, Lwm2mResponse response) =>
        TypedResults.Ok(new ChangeView(target.Endpoint, target.Path.ToString(), response.Code!.Value.ToString(), response.Location));

    static IReadOnlyList<ResourceValueView>? ReadValues(Lwm2mPath? path, Lwm2mResponse response, Lwm2mDeviceModel model)
    {
        if (response.Payload is not { } payload || response.Format is not { } format)
        {
            return [];
        }
        // The answer has just arrived: relative SenML times count from now.
        return Lwm2mContent.TryReadValues(path, format, payload, model, out var values, out _) ? ResourceValueView.From(values, model, TimeProvider.System.GetUtcNow()) : null;
    }
}
