using System.Globalization;

namespace LwM2MSparkplug.Standalone;

/// <summary>
/// Whether the process may open enough files for its devices: in the all-in-one process every simulated device is
/// two sockets (its client end and the embedded broker's end), so the open-files limit, not memory, is the first
/// ceiling of a large fleet.
/// </summary>
public static class FileDescriptorBudget
{
    /// <summary>Sockets and files the services use besides the devices (listeners, Kafka, HTTP, logs, libraries).</summary>
    public const int Reserve = 500;

    /// <summary>Descriptors a fleet of <paramref name="devices"/> needs in this process.</summary>
    public static long Needed(int devices) => (2L * devices) + Reserve;

    /// <summary>A warning that says what will fail and how to avoid it, or null when <paramref name="limit"/> suffices.</summary>
    public static string? Check(int devices, long? limit) =>
        limit is { } max && Needed(devices) > max
            ? string.Create(CultureInfo.InvariantCulture,
                $"{devices} devices need about {Needed(devices)} open files in this process (two sockets each), but its limit is {max}: devices past about {(max - Reserve) / 2} will fail to connect. Raise the limit (ulimit -n, or LimitNOFILE in a systemd unit), or run the simulator as its own process against this broker (docs/performance.md).")
            : null;

    /// <summary>The soft limit on open files (<c>Max open files</c> in /proc/self/limits), or null where it cannot be read.</summary>
    public static long? CurrentLimit()
    {
        const string path = "/proc/self/limits";
        if (!File.Exists(path))
        {
            return null;
        }
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 4 } && long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
    }
}
