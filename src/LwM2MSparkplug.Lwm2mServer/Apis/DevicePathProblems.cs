using System.Globalization;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// Says what is wrong with the part of a device-management URL after <c>/api/devices/{endpoint}/</c> when it matched
/// no route: an LwM2M path of at most four ids from 0 to 65534, optionally followed by an operation.
/// </summary>
public static class DevicePathProblems
{
    static readonly string[] Levels = ["object id", "object instance id", "resource id", "resource instance id"];
    static readonly string[] PathOperations = ["discover", "attributes", "observe"];
    static readonly string[] DeviceOperations = ["composite", "observations"];

    /// <summary>Why <paramref name="path"/> (e.g. <c>3/x/1</c>) is not a path of this API; null when it is one.</summary>
    public static string? Describe(string? path)
    {
        var segments = (path ?? "").Trim('/').Split('/');
        if (segments is [""] || segments is [var only] && DeviceOperations.Contains(only, StringComparer.Ordinal))
        {
            return null;
        }
        var hasOperation = PathOperations.Contains(segments[^1], StringComparer.Ordinal);
        var ids = hasOperation ? segments[..^1] : segments;
        var lwm2mPath = "/" + string.Join('/', ids);
        for (var level = 0; level < ids.Length; level++)
        {
            if (level == Levels.Length)
            {
                return $"{lwm2mPath} has {ids.Length} levels; an LwM2M path has at most 4 levels: object, object instance, resource, resource instance.";
            }
            var id = ids[level];
            if (id.Length == 0 || id.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                var operation = !hasOperation && level == ids.Length - 1 && level > 0 ? $", nor an operation ({string.Join(", ", PathOperations)})" : "";
                return $"'{id}' is not an LwM2M id{operation}: the {Levels[level]} (level {level + 1} of {lwm2mPath}) must be a whole number from 0 to {Lwm2mPath.MaxId}.";
            }
            if (id.Length > 5 || int.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture) > Lwm2mPath.MaxId)
            {
                return $"{id} is out of range: the {Levels[level]} (level {level + 1} of {lwm2mPath}) must be from 0 to {Lwm2mPath.MaxId} ({Lwm2mPath.MaxId + 1} is reserved).";
            }
        }
        return null;
    }
}
