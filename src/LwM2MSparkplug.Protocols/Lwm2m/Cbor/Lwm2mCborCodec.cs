using System.Formats.Cbor;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Cbor;

/// <summary>
/// LwM2M CBOR (content format 11544, LwM2M 1.2 Core §7.5.4): a map from ids to values, where an id is one number or
/// an array of numbers, a nested map continues the path, and top-level ids start at the object whatever was asked.
/// <c>{[3,0,0]: "x"}</c> and <c>{3: {0: {0: "x"}}}</c> say the same. Reading accepts definite and indefinite lengths,
/// any integer and float width, and empty maps; it refuses what the grammar cannot mean (a top level that is not a
/// map, ids that are not unsigned or above <see cref="Lwm2mPath.MaxId"/>, paths deeper than four levels, a value at
/// object or instance level, the same path twice by any layout, trailing bytes). Writing puts one full-path array key
/// per value.
/// </summary>
public static class Lwm2mCborCodec
{
    public static bool TryRead(ReadOnlyMemory<byte> bytes, out IReadOnlyList<Lwm2mCborItem> items, out string error)
    {
        var list = new List<Lwm2mCborItem>();
        items = list;
        var reader = new CborReader(bytes, CborConformanceMode.Strict);
        try
        {
            if (reader.PeekState() != CborReaderState.StartMap)
            {
                error = "LwM2M CBOR is a map";
                return false;
            }
            var seen = new HashSet<Lwm2mPath>();
            if (!TryReadMap(reader, [], list, seen, out error))
            {
                return false;
            }
            if (reader.BytesRemaining > 0)
            {
                error = "bytes follow the map";
                return false;
            }
            return true;
        }
        catch (Exception exception) when (CborInput.IsMalformed(exception))
        {
            error = $"not well-formed CBOR ({exception.Message})";
            return false;
        }
    }

    static bool TryReadMap(CborReader reader, List<ushort> prefix, List<Lwm2mCborItem> items, HashSet<Lwm2mPath> seen, out string error)
    {
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var path = new List<ushort>(prefix);
            if (!TryReadId(reader, path, out error))
            {
                return false;
            }
            if (path.Count > 4)
            {
                error = $"the path /{string.Join('/', path)} is deeper than a resource instance";
                return false;
            }
            if (reader.PeekState() == CborReaderState.StartMap)
            {
                if (!TryReadMap(reader, path, items, seen, out error))
                {
                    return false;
                }
                continue;
            }
            if (path.Count < 3)
            {
                error = $"a value at /{string.Join('/', path)}, an object or instance, which holds only resources";
                return false;
            }
            var target = Lwm2mPath.Create(path[0], path[1], path[2], path.Count == 4 ? path[3] : null);
            if (!seen.Add(target))
            {
                error = $"{target} is given twice";
                return false;
            }
            if (!Lwm2mCborValue.TryRead(reader, out var value, out error))
            {
                error = $"{target}: {error}";
                return false;
            }
            items.Add(new Lwm2mCborItem(target, value));
        }
        reader.ReadEndMap();
        error = string.Empty;
        return true;
    }

    /// <summary>Appends one id, or the ids of an array id, to <paramref name="path"/>.</summary>
    static bool TryReadId(CborReader reader, List<ushort> path, out string error)
    {
        if (reader.PeekState() == CborReaderState.StartArray)
        {
            reader.ReadStartArray();
            var count = 0;
            while (reader.PeekState() != CborReaderState.EndArray)
            {
                if (!TryReadOneId(reader, path, out error))
                {
                    return false;
                }
                count++;
            }
            reader.ReadEndArray();
            error = count == 0 ? "an empty array id" : string.Empty;
            return count > 0;
        }
        return TryReadOneId(reader, path, out error);
    }

    static bool TryReadOneId(CborReader reader, List<ushort> path, out string error)
    {
        if (reader.PeekState() != CborReaderState.UnsignedInteger)
        {
            error = "an id is not an unsigned integer";
            return false;
        }
        var id = reader.ReadUInt64();
        if (id > Lwm2mPath.MaxId)
        {
            error = $"id {id} is above {Lwm2mPath.MaxId}";
            return false;
        }
        path.Add((ushort)id);
        error = string.Empty;
        return true;
    }

    /// <summary>Writes the items, one full-path array key each; <paramref name="items"/> must name distinct resources or instances.</summary>
    public static byte[] Write(IReadOnlyCollection<Lwm2mCborItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartMap(items.Count);
        foreach (var item in items)
        {
            if (!item.Path.IsResource && !item.Path.IsResourceInstance)
            {
                throw new ArgumentException($"{item.Path} is not a resource or resource instance.", nameof(items));
            }
            writer.WriteStartArray(item.Path.Depth);
            writer.WriteUInt32(item.Path.ObjectId!.Value);
            writer.WriteUInt32(item.Path.ObjectInstanceId!.Value);
            writer.WriteUInt32(item.Path.ResourceId!.Value);
            if (item.Path.ResourceInstanceId is { } instance)
            {
                writer.WriteUInt32(instance);
            }
            writer.WriteEndArray();
            Lwm2mCborValue.Write(writer, item.Value);
        }
        writer.WriteEndMap();
        return writer.Encode();
    }
}
