using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>
/// The object definitions one client uses: each object at the version it registered (<c>ver</c>, else 1.0), resolved
/// against an <see cref="Lwm2mObjectModel"/>. An object whose id or version the model does not know is unknown: its
/// paths pass unchecked and its values keep the type their encoding shows.
/// </summary>
public sealed class Lwm2mDeviceModel(Lwm2mObjectModel model, IReadOnlyDictionary<ushort, string> versions)
{
    public Lwm2mObjectModel Model { get; } = model;

    /// <summary>The version the client has of <paramref name="objectId"/>.</summary>
    public string VersionOf(ushort objectId) => versions.GetValueOrDefault(objectId, Lwm2mObjectModel.DefaultObjectVersion);

    public bool TryGetObject(ushort objectId, out Lwm2mObjectDefinition definition) =>
        Model.TryGetObject(objectId, VersionOf(objectId), out definition);

    /// <summary>The definition of the resource a resource or resource-instance path names, when its object is known.</summary>
    public bool TryGetResource(Lwm2mPath path, out Lwm2mResourceDefinition definition)
    {
        definition = null!;
        return path.ObjectId is { } objectId && path.ResourceId is { } resourceId
            && TryGetObject(objectId, out var obj)
            && obj.Resources.TryGetValue(resourceId, out definition!);
    }

    /// <summary>
    /// Checks a path against the definitions: unknown objects pass (untyped); a known object's resource must be
    /// defined, and a resource instance needs a multiple resource. Returns an explanation, or null when valid.
    /// </summary>
    public string? Validate(Lwm2mPath path)
    {
        if (path.ObjectId is not { } objectId || !TryGetObject(objectId, out var obj))
        {
            return null;
        }
        if (!obj.Multiple && path.ObjectInstanceId is > 0)
        {
            return $"object {objectId} ({obj.Name}) has a single instance, 0";
        }
        if (path.ResourceId is { } resourceId)
        {
            if (!obj.Resources.TryGetValue(resourceId, out var resource))
            {
                return $"object {objectId} ({obj.Name} {obj.Version}) has no resource {resourceId}";
            }
            if (path.IsResourceInstance && !resource.Multiple)
            {
                return $"resource {path.Parent} ({resource.Name}) has no instances";
            }
        }
        return null;
    }
}
