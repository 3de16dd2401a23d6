using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// The objects a client serves, by path: reads gather values from the enablers, writes, executes, creates and
/// deletes are checked against the object model and then handed to the enabler of the object. Also keeps the
/// &lt;NOTIFICATION&gt; attributes written on paths (LwM2M 1.2 Core §5.1.2). Not thread-safe.
/// </summary>
public sealed class Lwm2mObjectTree
{
    readonly SortedDictionary<ushort, ILwm2mObjectEnabler> _enablers = [];
    readonly Dictionary<Lwm2mPath, NotificationAttributes> _attributes = [];

    /// <param name="enablers">The objects served, each at the version it names.</param>
    /// <param name="model">The definitions to check them against; the built-in model when null.</param>
    public Lwm2mObjectTree(IEnumerable<ILwm2mObjectEnabler> enablers, Lwm2mObjectModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(enablers);
        model ??= Lwm2mObjectModel.BuiltIn;
        foreach (var enabler in enablers)
        {
            if (!model.TryGetObject(enabler.ObjectId, enabler.ObjectVersion, out _))
            {
                throw new ArgumentException($"Object {enabler.ObjectId} version {enabler.ObjectVersion} is not in the object model, so its resources have no types.", nameof(enablers));
            }
            if (!_enablers.TryAdd(enabler.ObjectId, enabler))
            {
                throw new ArgumentException($"Object {enabler.ObjectId} has two enablers.", nameof(enablers));
            }
        }
        ObjectVersions = _enablers.ToDictionary(e => e.Key, e => e.Value.ObjectVersion);
        Model = model.ForVersions(ObjectVersions);
    }

    /// <summary>The version of each object served, by object id.</summary>
    public IReadOnlyDictionary<ushort, string> ObjectVersions { get; }

    /// <summary>The definitions of the objects served, at their versions.</summary>
    public Lwm2mDeviceModel Model { get; }

    /// <summary>What Register and Update announce: every object instance, and objects without instances as such.</summary>
    public IReadOnlyList<Lwm2mPath> ObjectLinks
    {
        get
        {
            var links = new List<Lwm2mPath>();
            foreach (var (objectId, enabler) in _enablers)
            {
                if (enabler.InstanceIds.Count == 0)
                {
                    links.Add(Lwm2mPath.Create(objectId));
                }
                links.AddRange(enabler.InstanceIds.Select(instanceId => Lwm2mPath.Create(objectId, instanceId)));
            }
            return links;
        }
    }

    /// <summary>Every readable value at or below <paramref name="path"/>; null when the path does not exist.</summary>
    public IReadOnlyList<Lwm2mResourceValue>? Read(Lwm2mPath path, DateTimeOffset now)
    {
        if (path.IsRoot || !TryGetEnabler(path, out var enabler))
        {
            return null;
        }
        var values = new List<Lwm2mResourceValue>();
        if (path.ObjectInstanceId is { } instanceId)
        {
            enabler.Read(instanceId, now, values);
        }
        else
        {
            foreach (var id in enabler.InstanceIds)
            {
                enabler.Read(id, now, values);
            }
        }
        if (path.Depth >= 3)
        {
            values.RemoveAll(value => !path.Contains(value.Path));
            return values.Count == 0 ? null : values;
        }
        return values;
    }

    /// <summary>Whether the path names an existing object, instance, resource or resource instance.</summary>
    public bool Exists(Lwm2mPath path, DateTimeOffset now)
    {
        if (path.IsRoot || !TryGetEnabler(path, out _))
        {
            return false;
        }
        if (path.ResourceId is null)
        {
            return true;
        }
        if (!Model.TryGetResource(path, out var resource))
        {
            return false;
        }
        return resource.IsExecutable
            ? !path.IsResourceInstance && TryGetEnabler(path, out var enabler) && enabler.ExecutableResourceIds.Contains(path.ResourceId.Value)
            : Read(path, now) is not null;
    }

    /// <summary>
    /// Write of the values under <paramref name="path"/> (an instance or below): every value is checked first, so a
    /// Write either changes all its values or none.
    /// </summary>
    public Lwm2mResultCode Write(Lwm2mPath path, IReadOnlyList<Lwm2mResourceValue> values, DateTimeOffset now, out string error)
    {
        ArgumentNullException.ThrowIfNull(values);
        error = string.Empty;
        if (path.Depth < 2)
        {
            error = $"{path} is not an object instance or resource";
            return Lwm2mResultCode.MethodNotAllowed;
        }
        if (!Exists(path, now))
        {
            error = $"{path} does not exist";
            return Lwm2mResultCode.NotFound;
        }
        if (values.FirstOrDefault(value => !path.Contains(value.Path)) is { } stray)
        {
            error = $"{stray.Path} is not under {path}";
            return Lwm2mResultCode.BadRequest;
        }
        // REVIEW: #12 Write-Replace and Write-Partial-Update write the same here, which holds while every writable
        // resource served is single-valued; writable multiple resources need Replace to drop the instances not sent.
        return WriteAll(values, now, out error);
    }

    /// <summary>
    /// Write-Composite (Core §6.3.8): values of resources anywhere in the tree, each naming its full path. As a
    /// Write, all or nothing: one value that cannot be written fails the whole request before any is written.
    /// </summary>
    public Lwm2mResultCode WriteComposite(IReadOnlyList<Lwm2mResourceValue> values, DateTimeOffset now, out string error)
    {
        ArgumentNullException.ThrowIfNull(values);
        error = string.Empty;
        if (values.Count == 0)
        {
            error = "a Write-Composite needs at least one value";
            return Lwm2mResultCode.BadRequest;
        }
        if (values.FirstOrDefault(value => value.Path.Depth < 3) is { } notResource)
        {
            error = $"{notResource.Path} is not a resource or resource instance";
            return Lwm2mResultCode.BadRequest;
        }
        return WriteAll(values, now, out error);
    }

    Lwm2mResultCode WriteAll(IReadOnlyList<Lwm2mResourceValue> values, DateTimeOffset now, out string error)
    {
        error = string.Empty;
        var targets = new List<(ILwm2mObjectEnabler Enabler, Lwm2mResourceValue Value)>(values.Count);
        foreach (var value in values)
        {
            var resource = value.Path.IsResourceInstance ? value.Path.Parent : value.Path;
            if (!Model.TryGetResource(value.Path, out var definition) || !Exists(resource, now) || !TryGetEnabler(resource, out var enabler))
            {
                error = $"{value.Path} does not exist";
                return Lwm2mResultCode.NotFound;
            }
            if (!definition.IsWritable)
            {
                error = $"{value.Path} is not writable";
                return Lwm2mResultCode.MethodNotAllowed;
            }
            targets.Add((enabler, value));
        }
        foreach (var (enabler, value) in targets)
        {
            var code = enabler.CheckWrite(value.Path.ObjectInstanceId!.Value, value, out error);
            if (!code.IsSuccess)
            {
                return code;
            }
        }
        foreach (var (enabler, value) in targets)
        {
            enabler.Write(value.Path.ObjectInstanceId!.Value, value, now);
        }
        return Lwm2mResultCode.Changed;
    }

    public Lwm2mResultCode Execute(Lwm2mPath path, string? arguments, DateTimeOffset now, out Lwm2mExecuteEffect effect, out string error)
    {
        effect = Lwm2mExecuteEffect.None;
        error = string.Empty;
        if (!path.IsResource || !Exists(path, now) || !TryGetEnabler(path, out var enabler))
        {
            error = $"{path} does not exist";
            return Lwm2mResultCode.NotFound;
        }
        if (!Model.TryGetResource(path, out var definition) || !definition.IsExecutable)
        {
            error = $"{path} is not executable";
            return Lwm2mResultCode.MethodNotAllowed;
        }
        return enabler.Execute(path.ObjectInstanceId!.Value, path.ResourceId!.Value, arguments, out effect, out error);
    }

    public Lwm2mResultCode Create(Lwm2mPath objectPath, IReadOnlyList<Lwm2mResourceValue> values, out Lwm2mPath created, out string error)
    {
        ArgumentNullException.ThrowIfNull(values);
        created = default;
        if (!objectPath.IsObject || !TryGetEnabler(objectPath, out var enabler))
        {
            error = $"{objectPath} is not an object this device supports";
            return objectPath.IsObject ? Lwm2mResultCode.NotFound : Lwm2mResultCode.MethodNotAllowed;
        }
        if (values.FirstOrDefault(v => v.Path.ObjectId != objectPath.ObjectId || v.Path.ObjectInstanceId is null) is { } stray)
        {
            error = $"{stray.Path} is not a resource of a new {objectPath} instance";
            return Lwm2mResultCode.BadRequest;
        }
        var requested = values.Select(v => v.Path.ObjectInstanceId).FirstOrDefault();
        if (requested is { } id && values.Any(v => v.Path.ObjectInstanceId != id))
        {
            error = "a Create makes one instance; the values name several";
            return Lwm2mResultCode.BadRequest;
        }
        if (requested is { } taken && enabler.InstanceIds.Contains(taken))
        {
            error = $"{Lwm2mPath.Create(objectPath.ObjectId!.Value, taken)} already exists";
            return Lwm2mResultCode.BadRequest;
        }
        var code = enabler.Create(requested, values, out var instanceId, out error);
        if (code.IsSuccess)
        {
            created = Lwm2mPath.Create(objectPath.ObjectId!.Value, instanceId);
        }
        return code;
    }

    public Lwm2mResultCode Delete(Lwm2mPath path, DateTimeOffset now, out string error)
    {
        error = string.Empty;
        if (!path.IsObjectInstance || !Exists(path, now) || !TryGetEnabler(path, out var enabler))
        {
            error = $"{path} is not an existing object instance";
            return path.IsObjectInstance ? Lwm2mResultCode.NotFound : Lwm2mResultCode.MethodNotAllowed;
        }
        var code = enabler.Delete(path.ObjectInstanceId!.Value, out error);
        if (code.IsSuccess)
        {
            foreach (var attributed in _attributes.Keys.Where(path.Contains).ToList())
            {
                _attributes.Remove(attributed);
            }
        }
        return code;
    }

    /// <summary>Factory reset: every enabler back to its initial settings, and no attributes.</summary>
    public void Reset()
    {
        _attributes.Clear();
        foreach (var enabler in _enablers.Values)
        {
            enabler.Reset();
        }
    }

    public void SetAttributes(Lwm2mPath path, NotificationAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.IsEmpty)
        {
            _attributes.Remove(path);
        }
        else
        {
            _attributes[path] = attributes;
        }
    }

    /// <summary>The attributes written on exactly this path.</summary>
    public NotificationAttributes AttributesAt(Lwm2mPath path) => _attributes.GetValueOrDefault(path, NotificationAttributes.None);

    /// <summary>
    /// The attributes that apply to an observation of <paramref name="path"/>: each from the nearest level that sets
    /// it (Core §5.1.2); pmin/pmax default to <paramref name="defaultMinimumPeriod"/>/<paramref name="defaultMaximumPeriod"/>
    /// (the Server object's, 0 meaning none).
    /// </summary>
    public NotificationAttributes EffectiveAttributes(Lwm2mPath path, long defaultMinimumPeriod, long defaultMaximumPeriod)
    {
        var effective = NotificationAttributes.None;
        for (var level = path; ; level = level.Parent)
        {
            if (_attributes.TryGetValue(level, out var set))
            {
                effective = effective.Or(set);
            }
            if (level.IsRoot)
            {
                break;
            }
        }
        return effective with
        {
            Pmin = effective.Pmin ?? (defaultMinimumPeriod > 0 ? defaultMinimumPeriod : null),
            Pmax = effective.Pmax ?? (defaultMaximumPeriod > 0 ? defaultMaximumPeriod : null),
        };
    }

    bool TryGetEnabler(Lwm2mPath path, out ILwm2mObjectEnabler enabler)
    {
        enabler = null!;
        if (path.ObjectId is not { } objectId || !_enablers.TryGetValue(objectId, out var found))
        {
            return false;
        }
        if (path.ObjectInstanceId is { } instanceId && !found.InstanceIds.Contains(instanceId))
        {
            return false;
        }
        enabler = found;
        return true;
    }
}
