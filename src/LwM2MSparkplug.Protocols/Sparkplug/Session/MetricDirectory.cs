namespace LwM2MSparkplug.Protocols.Sparkplug.Session;

/// <summary>
/// The metrics one edge node declared in its NBIRTH and DBIRTHs, looked up by alias or by name.
/// Aliases are unique across the node and all its devices (Sparkplug 3.0 §6.4.6, tck-id-payloads-alias-uniqueness).
/// </summary>
public sealed class MetricDirectory
{
    readonly Dictionary<ulong, MetricDescriptor> _byAlias = [];
    readonly Dictionary<(string? DeviceId, string Name), MetricDescriptor> _byName = [];

    public int Count => _byName.Count;

    /// <summary>Forgets every metric: an NBIRTH starts over (Sparkplug 3.0 §5.8).</summary>
    public void Clear()
    {
        _byAlias.Clear();
        _byName.Clear();
    }

    /// <summary>Forgets one device's metrics, before its DBIRTH declares them again.</summary>
    public void ClearDevice(string deviceId)
    {
        foreach (var descriptor in _byName.Values.Where(d => d.DeviceId == deviceId).ToList())
        {
            _byName.Remove((descriptor.DeviceId, descriptor.Name));
            if (descriptor.Alias is { } alias)
            {
                _byAlias.Remove(alias);
            }
        }
    }

    /// <summary>Adds a declared metric; false when its alias is already used by another metric of the node.</summary>
    public bool TryAdd(MetricDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (descriptor.Alias is { } alias && !_byAlias.TryAdd(alias, descriptor))
        {
            return false;
        }
        _byName[(descriptor.DeviceId, descriptor.Name)] = descriptor;
        return true;
    }

    /// <summary>
    /// Learns the metrics of an NBIRTH (<paramref name="deviceId"/> null: starts over) or a DBIRTH (replaces that
    /// device's metrics). Metrics without a name are skipped. Returns the number of aliases already taken.
    /// </summary>
    public int LearnBirth(string? deviceId, IEnumerable<Proto.Payload.Types.Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (deviceId is null)
        {
            Clear();
        }
        else
        {
            ClearDevice(deviceId);
        }
        var duplicates = 0;
        foreach (var metric in metrics)
        {
            if (MetricDescriptor.FromBirth(deviceId, metric) is not { } descriptor)
            {
                continue;
            }
            if (!TryAdd(descriptor))
            {
                duplicates++;
                TryAdd(descriptor with { Alias = null });
            }
        }
        return duplicates;
    }

    public bool TryGetByAlias(ulong alias, out MetricDescriptor descriptor) =>
        _byAlias.TryGetValue(alias, out descriptor!);

    public bool TryGetByName(string? deviceId, string name, out MetricDescriptor descriptor) =>
        _byName.TryGetValue((deviceId, name), out descriptor!);

    /// <summary>Resolves a metric of a DATA or CMD message: by alias when it has one, else by name.</summary>
    public bool TryResolve(string? deviceId, string? name, ulong? alias, out MetricDescriptor descriptor)
    {
        if (alias is { } a)
        {
            return TryGetByAlias(a, out descriptor) && descriptor.DeviceId == deviceId;
        }
        if (name is not null)
        {
            return TryGetByName(deviceId, name, out descriptor);
        }
        descriptor = null!;
        return false;
    }
}
