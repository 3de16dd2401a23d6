using LwM2MSparkplug.Protocols.Lwm2m.Links;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.DeviceSimulator.Lwm2m;

/// <summary>
/// The LwM2M client logic of a simulated device: answers every request of the wire contract with the right result
/// code, keeps observations and attributes. Pure with respect to I/O: the device publishes what this returns.
/// </summary>
public sealed class SimulatedLwm2mClient(SimulatedLwm2mObjects objects)
{
    public SimulatedLwm2mObjects Objects => objects;
    public SimulatedObservations Observations { get; } = new();

    public Lwm2mResponse Handle(Lwm2mRequest request, DateTimeOffset now, out ExecuteEffect effect)
    {
        ArgumentNullException.ThrowIfNull(request);
        effect = ExecuteEffect.None;
        var path = request.Path ?? Lwm2mPath.Root;
        if (request.Path is not null && Lwm2mObjectModel.Validate(path) is { } invalid)
        {
            return Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"{path}: {invalid}");
        }
        switch (request.Operation)
        {
            case Lwm2mOperation.Read:
                return Read(path, request.Accept);
            case Lwm2mOperation.ReadComposite:
                var all = new List<Lwm2mResourceValue>();
                foreach (var item in request.Paths!)
                {
                    if (objects.Read(item) is not { } values)
                    {
                        return Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"{item} does not exist");
                    }
                    all.AddRange(values);
                }
                return Content(all, Lwm2mContentFormat.SenmlJson);
            case Lwm2mOperation.Discover:
                return Discover(path);
            case Lwm2mOperation.Write:
                if (!Lwm2mContent.TryReadValues(path, request.Format ?? Lwm2mContentFormat.SenmlJson, request.Payload!.Value, out var written, out var readError))
                {
                    return Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, readError);
                }
                var writeCode = objects.Write(path, request.Replace, written, now, out var writeError);
                return writeCode.IsSuccess ? new Lwm2mResponse(writeCode) : Lwm2mResponse.Failure(writeCode, writeError);
            case Lwm2mOperation.WriteAttributes:
                if (!objects.Exists(path))
                {
                    return Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"{path} does not exist");
                }
                if (!NotificationAttributes.TryApply(objects.AttributesAt(path), request.Attributes!.Value, out var attributes, out var attributeError))
                {
                    return Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, attributeError);
                }
                objects.SetAttributes(path, attributes);
                return new Lwm2mResponse(Lwm2mResultCode.Changed);
            case Lwm2mOperation.Execute:
                var executeCode = objects.Execute(path, out effect, out var executeError);
                return executeCode.IsSuccess ? new Lwm2mResponse(executeCode) : Lwm2mResponse.Failure(executeCode, executeError);
            case Lwm2mOperation.Create:
                if (!Lwm2mContent.TryReadValues(null, request.Format ?? Lwm2mContentFormat.SenmlJson, request.Payload!.Value, out var initial, out var createError))
                {
                    return Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, createError);
                }
                var createCode = objects.Create(path, initial, out var created, out createError);
                return createCode.IsSuccess ? new Lwm2mResponse(createCode) { Location = created.ToString() } : Lwm2mResponse.Failure(createCode, createError);
            case Lwm2mOperation.Delete:
                var deleteCode = objects.Delete(path, out var deleteError);
                return deleteCode.IsSuccess ? new Lwm2mResponse(deleteCode) : Lwm2mResponse.Failure(deleteCode, deleteError);
            case Lwm2mOperation.Observe:
                if (objects.Read(path) is not { } observed)
                {
                    return Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"{path} does not exist");
                }
                Observations.Add(request.ObservationId!, path, observed, now);
                return Content(observed, Lwm2mContentFormat.SenmlJson);
            case Lwm2mOperation.CancelObserve:
                return Observations.Remove(request.ObservationId!)
                    ? new Lwm2mResponse(Lwm2mResultCode.Changed)
                    : Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"no observation '{request.ObservationId}'");
            default:
                return Lwm2mResponse.Failure(Lwm2mResultCode.MethodNotAllowed, $"{request.Operation.ToWire()} is not supported");
        }
    }

    Lwm2mResponse Read(Lwm2mPath path, Lwm2mContentFormat? accept)
    {
        if (path.Depth >= 3 && Lwm2mObjectModel.TryGetResource(path, out var definition) && !definition.IsReadable)
        {
            return Lwm2mResponse.Failure(Lwm2mResultCode.MethodNotAllowed, $"{path} ({definition.Name}) is not readable");
        }
        if (objects.Read(path) is not { } values)
        {
            return Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"{path} does not exist");
        }
        var format = accept ?? Lwm2mContentFormat.SenmlJson;
        var single = values is [var one] && one.Path == path;
        if (format is Lwm2mContentFormat.Link || (format is Lwm2mContentFormat.Text or Lwm2mContentFormat.Opaque && !single)
            || (format is Lwm2mContentFormat.Opaque && values[0].Type != Lwm2mResourceType.Opaque))
        {
            return Lwm2mResponse.Failure(Lwm2mResultCode.NotAcceptable, $"{path} cannot be read as {format.ToWire()}");
        }
        return Content(values, format);
    }

    Lwm2mResponse Discover(Lwm2mPath path)
    {
        if (path.IsRoot || path.IsResourceInstance || !objects.Exists(path))
        {
            return Lwm2mResponse.Failure(Lwm2mResultCode.NotFound, $"{path} does not exist");
        }
        var links = new List<Lwm2mLink> { Link(path) };
        if (path.IsObject)
        {
            links.AddRange(objects.ObjectLinks.Where(path.Contains).Select(Link));
        }
        if (path.Depth <= 2 && Lwm2mObjectModel.TryGetObject(path.ObjectId!.Value, out var definition))
        {
            var instances = path.IsObject ? objects.ObjectLinks.Where(path.Contains) : [path];
            foreach (var instance in instances)
            {
                links.AddRange(definition.Resources.Keys.Order().Select(instance.Append).Where(objects.Exists).Select(Link));
            }
        }
        return new Lwm2mResponse(Lwm2mResultCode.Content)
        {
            Format = Lwm2mContentFormat.Link,
            Payload = System.Text.Json.JsonSerializer.SerializeToElement(CoreLinkFormat.Format(links.DistinctBy(link => link.Path))),
        };
    }

    Lwm2mLink Link(Lwm2mPath path)
    {
        var attributes = new Dictionary<string, string?>();
        var set = objects.AttributesAt(path);
        foreach (var (name, value) in new[] { ("pmin", set.Pmin), ("pmax", set.Pmax), ("gt", set.Gt), ("lt", set.Lt), ("st", set.St) })
        {
            if (value is { } v)
            {
                attributes[name] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return new Lwm2mLink(path, attributes);
    }

    static Lwm2mResponse Content(IReadOnlyList<Lwm2mResourceValue> values, Lwm2mContentFormat format) =>
        new(Lwm2mResultCode.Content) { Format = format, Payload = Lwm2mContent.ToPayload(values, format) };
}
