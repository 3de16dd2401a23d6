using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Tlv;

/// <summary>
/// LwM2M TLV (content format 11542, Core §7.4.3), LwM2M 1.0's binary format. TLVs carry ids but no types and no
/// absolute path: they nest under the request's path (object: object instances; instance: resources; resource: the
/// one resource; resource instance: the one instance), and the object model types their values. Reading tolerates
/// what peers are known to send: resources straight under a single-instance object (instance 0), one object-instance
/// TLV wrapping an instance's resources, and a multiple resource's instances without their multiple-resource TLV.
/// It refuses truncated headers and values, nestings the table cannot mean, bytes after a resource's one TLV, the
/// same path twice, and values that do not fit their resource. Resources of unknown objects are read as opaque.
/// </summary>
public static class Lwm2mTlvCodec
{
    public static bool TryRead(Lwm2mPath? target, ReadOnlyMemory<byte> content, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        ArgumentNullException.ThrowIfNull(model);
        var reader = new Reader(model);
        values = reader.Values;
        if (target is not { Depth: >= 1 } path)
        {
            error = $"{Lwm2mContentFormat.Tlv.ToWire()} content nests under the request's path: it needs an object, instance, resource or resource-instance path";
            return false;
        }
        if (!TlvEntryReader.TryRead(content, 0, out var entries, out error))
        {
            return false;
        }
        return path.Depth switch
        {
            1 => reader.TryReadObject(entries, path, out error),
            2 => reader.TryReadInstance(entries, path, out error),
            3 => reader.TryReadResource(entries, path, out error),
            _ => reader.TryReadResourceInstance(entries, path, out error),
        };
    }

    /// <summary>
    /// The TLVs of values under the common ancestor of their paths, taken at resource level at most (one instance of
    /// a multiple resource is written inside its multiple-resource TLV, which says which resource it belongs to).
    /// </summary>
    public static byte[] Write(IReadOnlyList<Lwm2mResourceValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var ancestor = Lwm2mCommonAncestor.Of(values.Select(value => value.Path));
        return Write(values, ancestor.IsResourceInstance ? ancestor.Parent : ancestor);
    }

    /// <summary>
    /// The TLVs of values for a request on <paramref name="target"/>: an object's instances as object-instance TLVs, an
    /// instance's resources, a resource's one TLV, or a resource instance's one TLV. A resource with instances is a
    /// multiple-resource TLV around resource-instance TLVs; one without is a resource-with-value TLV.
    /// </summary>
    public static byte[] Write(IReadOnlyList<Lwm2mResourceValue> values, Lwm2mPath target)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (target.IsRoot)
        {
            throw new ArgumentException("TLV content nests under one object; the root is no target for it.", nameof(target));
        }
        var paths = new HashSet<Lwm2mPath>();
        foreach (var value in values)
        {
            if (value.Path.Depth < 3 || !target.Contains(value.Path) || !paths.Add(value.Path))
            {
                throw new ArgumentException($"{value.Path} is not a distinct resource or resource instance under {target}.", nameof(values));
            }
        }
        return target.Depth switch
        {
            1 => [.. values.GroupBy(value => value.Path.ObjectInstanceId!.Value)
                .SelectMany(instance => TlvEntryWriter.Write(TlvKind.ObjectInstance, instance.Key, WriteResources([.. instance])))],
            2 or 3 => WriteResources(values),
            _ when values is [var single] => TlvEntryWriter.Write(TlvKind.ResourceInstance, target.ResourceInstanceId!.Value, TlvValue.Write(single)),
            _ => throw new ArgumentException($"A resource instance's TLV holds one value; {values.Count} were given.", nameof(values)),
        };
    }

    static byte[] WriteResources(IReadOnlyList<Lwm2mResourceValue> values) =>
        [.. values.GroupBy(value => value.Path.ResourceId!.Value).SelectMany(resource => resource.ToList() switch
        {
            [{ Path.IsResource: true } single] => TlvEntryWriter.Write(TlvKind.ResourceWithValue, resource.Key, TlvValue.Write(single)),
            var instances when instances.All(value => value.Path.IsResourceInstance) => TlvEntryWriter.Write(TlvKind.MultipleResource, resource.Key,
                [.. instances.SelectMany(value => TlvEntryWriter.Write(TlvKind.ResourceInstance, value.Path.ResourceInstanceId!.Value, TlvValue.Write(value)))]),
            _ => throw new ArgumentException($"Resource {resource.Key} has both a value and instances.", nameof(values)),
        })];

    /// <summary>Reads one request's TLVs into typed values, refusing a path given twice.</summary>
    sealed class Reader(Lwm2mDeviceModel model)
    {
        readonly HashSet<Lwm2mPath> _seen = [];

        public List<Lwm2mResourceValue> Values { get; } = [];

        public bool TryReadObject(IReadOnlyList<TlvEntry> entries, Lwm2mPath objectPath, out string error)
        {
            if (entries.All(entry => entry.Kind == TlvKind.ObjectInstance))
            {
                foreach (var instance in entries)
                {
                    if (!TryReadChildren(instance, out var children, out error)
                        || !TryReadResources(children, objectPath.Append(instance.Id), out error))
                    {
                        return false;
                    }
                }
                error = string.Empty;
                return true;
            }
            if (entries.FirstOrDefault(entry => entry.Kind == TlvKind.ObjectInstance) is { } stray)
            {
                error = $"TLV at byte {stray.Offset}: {stray.Describe()} beside resources under {objectPath}";
                return false;
            }
            if (model.TryGetObject(objectPath.ObjectId!.Value, out var definition) && definition.Multiple)
            {
                error = $"{objectPath} ({definition.Name}) has many instances: its resources need object-instance TLVs";
                return false;
            }
            // A single-instance object's resources, sent without their object-instance TLV.
            return TryReadResources(entries, objectPath.Append(0), out error);
        }

        public bool TryReadInstance(IReadOnlyList<TlvEntry> entries, Lwm2mPath instancePath, out string error)
        {
            if (entries is [{ Kind: TlvKind.ObjectInstance } wrapper])
            {
                if (wrapper.Id != instancePath.ObjectInstanceId)
                {
                    error = $"TLV at byte {wrapper.Offset}: {wrapper.Describe()} where {instancePath} was asked";
                    return false;
                }
                return TryReadChildren(wrapper, out var children, out error) && TryReadResources(children, instancePath, out error);
            }
            return TryReadResources(entries, instancePath, out error);
        }

        public bool TryReadResource(IReadOnlyList<TlvEntry> entries, Lwm2mPath resourcePath, out string error)
        {
            if (entries.Count > 0 && entries.All(entry => entry.Kind == TlvKind.ResourceInstance))
            {
                // A multiple resource's instances, sent without their multiple-resource TLV.
                return TryReadInstances(entries, resourcePath, out error);
            }
            if (!TryReadOne(entries, resourcePath, resourcePath.ResourceId!.Value, out var entry, out error))
            {
                return false;
            }
            return TryReadResourceEntry(entry, resourcePath, out error);
        }

        public bool TryReadResourceInstance(IReadOnlyList<TlvEntry> entries, Lwm2mPath instancePath, out string error)
        {
            if (!TryReadOne(entries, instancePath, instancePath.ResourceInstanceId!.Value, out var entry, out error))
            {
                return false;
            }
            if (entry.Kind != TlvKind.ResourceInstance)
            {
                error = $"TLV at byte {entry.Offset}: {entry.Describe()} where resource instance {instancePath} was asked";
                return false;
            }
            return TryReadValue(entry, instancePath, out error);
        }

        /// <summary>The one TLV a resource or resource-instance request holds, with the id the path ends in.</summary>
        static bool TryReadOne(IReadOnlyList<TlvEntry> entries, Lwm2mPath path, ushort id, out TlvEntry entry, out string error)
        {
            entry = entries.Count > 0 ? entries[0] : null!;
            error = entries switch
            {
                [] => $"no TLV for {path}",
                [_, var next, ..] => $"bytes follow the one TLV of {path} (from byte {next.Offset})",
                [var only] when only.Id != id => $"TLV at byte {only.Offset}: {only.Describe()} where {path} was asked",
                _ => string.Empty,
            };
            return error.Length == 0;
        }

        bool TryReadResources(IReadOnlyList<TlvEntry> entries, Lwm2mPath instancePath, out string error)
        {
            foreach (var entry in entries)
            {
                if (entry.Kind is TlvKind.ObjectInstance or TlvKind.ResourceInstance)
                {
                    error = $"TLV at byte {entry.Offset}: {entry.Describe()} inside {instancePath}, which holds only resources";
                    return false;
                }
                if (!TryReadResourceEntry(entry, instancePath.Append(entry.Id), out error))
                {
                    return false;
                }
            }
            error = string.Empty;
            return true;
        }

        bool TryReadResourceEntry(TlvEntry entry, Lwm2mPath resourcePath, out string error)
        {
            if (entry.Kind is TlvKind.ObjectInstance or TlvKind.ResourceInstance)
            {
                error = $"TLV at byte {entry.Offset}: {entry.Describe()} where resource {resourcePath} was asked";
                return false;
            }
            var multiple = entry.Kind == TlvKind.MultipleResource;
            if (model.TryGetResource(resourcePath, out var definition) && definition.Multiple != multiple)
            {
                error = $"TLV at byte {entry.Offset}: {resourcePath} ({definition.Name}) "
                    + (multiple ? "has no instances, yet came as a multiple resource" : "is a multiple resource, yet came as a resource with one value");
                return false;
            }
            if (!multiple)
            {
                return TryReadValue(entry, resourcePath, out error);
            }
            return TryReadChildren(entry, out var children, out error) && TryReadInstances(children, resourcePath, out error);
        }

        bool TryReadInstances(IReadOnlyList<TlvEntry> entries, Lwm2mPath resourcePath, out string error)
        {
            foreach (var entry in entries)
            {
                if (entry.Kind != TlvKind.ResourceInstance)
                {
                    error = $"TLV at byte {entry.Offset}: {entry.Describe()} inside multiple resource {resourcePath}, which holds only resource instances";
                    return false;
                }
                if (!TryReadValue(entry, resourcePath.Append(entry.Id), out error))
                {
                    return false;
                }
            }
            error = string.Empty;
            return true;
        }

        static bool TryReadChildren(TlvEntry parent, out IReadOnlyList<TlvEntry> children, out string error) =>
            TlvEntryReader.TryRead(parent.Value, parent.ValueOffset, out children, out error);

        bool TryReadValue(TlvEntry entry, Lwm2mPath path, out string error)
        {
            if (model.Validate(path) is { } invalid)
            {
                error = $"TLV at byte {entry.Offset}: {path}: {invalid}";
                return false;
            }
            if (!_seen.Add(path))
            {
                error = $"TLV at byte {entry.Offset}: {path} is given twice";
                return false;
            }
            // TLV bytes carry no type: a resource the model does not know keeps its bytes.
            var known = model.TryGetResource(path, out var definition);
            var type = known ? definition.Type : Lwm2mResourceType.Opaque;
            if (!TlvValue.TryRead(type, entry.Value.Span, out var value, out var reason))
            {
                error = $"TLV at byte {entry.Offset}: {path}{(known ? $" ({definition.Name})" : "")} {reason}";
                return false;
            }
            Values.Add(new Lwm2mResourceValue(path, type, value));
            error = string.Empty;
            return true;
        }
    }
}
