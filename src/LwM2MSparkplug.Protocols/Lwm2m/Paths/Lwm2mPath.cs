using System.Globalization;

namespace LwM2MSparkplug.Protocols.Lwm2m.Paths;

/// <summary>
/// An LwM2M path: <c>/</c>, <c>/{ObjectId}</c>, <c>/{ObjectId}/{ObjectInstanceId}</c>,
/// <c>/{..}/{ResourceId}</c> or <c>/{..}/{ResourceId}/{ResourceInstanceId}</c> (LwM2M 1.2 Core §6.1).
/// Ids are 0..65534; 65535 is reserved (MAX_ID).
/// </summary>
public readonly record struct Lwm2mPath : IComparable<Lwm2mPath>
{
    public const ushort MaxId = 65534;

    readonly int _objectId;
    readonly int _objectInstanceId;
    readonly int _resourceId;
    readonly int _resourceInstanceId;

    Lwm2mPath(int objectId, int objectInstanceId, int resourceId, int resourceInstanceId)
    {
        _objectId = objectId;
        _objectInstanceId = objectInstanceId;
        _resourceId = resourceId;
        _resourceInstanceId = resourceInstanceId;
    }

    public static Lwm2mPath Root => new(-1, -1, -1, -1);

    public static Lwm2mPath Create(ushort objectId, ushort? objectInstanceId = null, ushort? resourceId = null, ushort? resourceInstanceId = null)
    {
        if (objectInstanceId is null && resourceId is not null || resourceId is null && resourceInstanceId is not null)
        {
            throw new ArgumentException("A path level needs all the levels above it.");
        }
        ThrowIfOutOfRange(objectId, nameof(objectId));
        ThrowIfOutOfRange(objectInstanceId, nameof(objectInstanceId));
        ThrowIfOutOfRange(resourceId, nameof(resourceId));
        ThrowIfOutOfRange(resourceInstanceId, nameof(resourceInstanceId));
        return new Lwm2mPath(objectId, objectInstanceId ?? -1, resourceId ?? -1, resourceInstanceId ?? -1);
    }

    public ushort? ObjectId => _objectId < 0 ? null : (ushort)_objectId;
    public ushort? ObjectInstanceId => _objectInstanceId < 0 ? null : (ushort)_objectInstanceId;
    public ushort? ResourceId => _resourceId < 0 ? null : (ushort)_resourceId;
    public ushort? ResourceInstanceId => _resourceInstanceId < 0 ? null : (ushort)_resourceInstanceId;

    /// <summary>0 for the root, 1 for an object, up to 4 for a resource instance.</summary>
    public int Depth => _objectId < 0 ? 0 : _objectInstanceId < 0 ? 1 : _resourceId < 0 ? 2 : _resourceInstanceId < 0 ? 3 : 4;

    public bool IsRoot => Depth == 0;
    public bool IsObject => Depth == 1;
    public bool IsObjectInstance => Depth == 2;
    public bool IsResource => Depth == 3;
    public bool IsResourceInstance => Depth == 4;

    /// <summary>The path one level up; the root's parent is the root.</summary>
    public Lwm2mPath Parent => Depth switch
    {
        0 or 1 => Root,
        2 => new(_objectId, -1, -1, -1),
        3 => new(_objectId, _objectInstanceId, -1, -1),
        _ => new(_objectId, _objectInstanceId, _resourceId, -1),
    };

    /// <summary>True when <paramref name="other"/> is this path or lies below it.</summary>
    public bool Contains(Lwm2mPath other)
    {
        if (other.Depth < Depth)
        {
            return false;
        }
        var ancestor = other;
        while (ancestor.Depth > Depth)
        {
            ancestor = ancestor.Parent;
        }
        return ancestor == this;
    }

    public Lwm2mPath Append(ushort id)
    {
        ThrowIfOutOfRange(id, nameof(id));
        return Depth switch
        {
            0 => new(id, -1, -1, -1),
            1 => new(_objectId, id, -1, -1),
            2 => new(_objectId, _objectInstanceId, id, -1),
            3 => new(_objectId, _objectInstanceId, _resourceId, id),
            _ => throw new InvalidOperationException("A resource instance path has no level below it."),
        };
    }

    public static bool TryParse(ReadOnlySpan<char> text, out Lwm2mPath path)
    {
        path = Root;
        if (text.IsEmpty || text[0] != '/')
        {
            return false;
        }
        text = text[1..];
        if (text.IsEmpty)
        {
            return true;
        }
        if (text[^1] == '/')
        {
            text = text[..^1];
        }
        Span<int> ids = [-1, -1, -1, -1];
        var level = 0;
        foreach (var range in text.Split('/'))
        {
            var segment = text[range];
            if (level == 4 || segment.IsEmpty || segment.Length > 5 || segment.ContainsAnyExceptInRange('0', '9')
                || (segment.Length > 1 && segment[0] == '0')
                || !int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id > MaxId)
            {
                return false;
            }
            ids[level++] = id;
        }
        path = new Lwm2mPath(ids[0], ids[1], ids[2], ids[3]);
        return true;
    }

    public static Lwm2mPath Parse(string text) =>
        TryParse(text, out var path) ? path : throw new FormatException($"'{text}' is not an LwM2M path such as /3/0/9.");

    public int CompareTo(Lwm2mPath other)
    {
        var result = _objectId.CompareTo(other._objectId);
        if (result == 0)
        {
            result = _objectInstanceId.CompareTo(other._objectInstanceId);
        }
        if (result == 0)
        {
            result = _resourceId.CompareTo(other._resourceId);
        }
        return result == 0 ? _resourceInstanceId.CompareTo(other._resourceInstanceId) : result;
    }

    public static bool operator <(Lwm2mPath left, Lwm2mPath right) => left.CompareTo(right) < 0;
    public static bool operator >(Lwm2mPath left, Lwm2mPath right) => left.CompareTo(right) > 0;
    public static bool operator <=(Lwm2mPath left, Lwm2mPath right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Lwm2mPath left, Lwm2mPath right) => left.CompareTo(right) >= 0;

    public override string ToString() => Depth switch
    {
        0 => "/",
        1 => string.Create(CultureInfo.InvariantCulture, $"/{_objectId}"),
        2 => string.Create(CultureInfo.InvariantCulture, $"/{_objectId}/{_objectInstanceId}"),
        3 => string.Create(CultureInfo.InvariantCulture, $"/{_objectId}/{_objectInstanceId}/{_resourceId}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"/{_objectId}/{_objectInstanceId}/{_resourceId}/{_resourceInstanceId}"),
    };

    static void ThrowIfOutOfRange(ushort? id, string parameterName)
    {
        if (id > MaxId)
        {
            throw new ArgumentOutOfRangeException(parameterName, id, $"LwM2M ids are 0..{MaxId}.");
        }
    }
}
