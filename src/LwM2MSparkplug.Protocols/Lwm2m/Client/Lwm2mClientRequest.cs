using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// A device-management request as the <see cref="Lwm2mClient"/> sees it, whatever dialect carried it: content is
/// already decoded into resource values, attributes into name/value pairs. Which fields are set depends on
/// <see cref="Operation"/>.
/// </summary>
public sealed record Lwm2mClientRequest(Lwm2mOperation Operation)
{
    public Lwm2mPath? Path { get; init; }

    /// <summary>Read-Composite and Observe-Composite: the paths to read or observe.</summary>
    public IReadOnlyList<Lwm2mPath> Paths { get; init; } = [];

    /// <summary>Read: the format the server asked for; null lets the client choose.</summary>
    public Lwm2mContentFormat? Accept { get; init; }

    /// <summary>Write, Write-Composite and Create: the values to write, or the new instance's resources.</summary>
    public IReadOnlyList<Lwm2mResourceValue> Values { get; init; } = [];

    /// <summary>Write-Attributes: each attribute named, with its new value, or null to unset it.</summary>
    public IReadOnlyList<KeyValuePair<string, double?>> Attributes { get; init; } = [];

    /// <summary>Execute: the argument text, e.g. <c>0='reboot'</c>.</summary>
    public string? Arguments { get; init; }

    /// <summary>Observe, Observe-Composite and Cancel-Observe: the dialect's handle for the observation (an id or a token).</summary>
    public string? ObservationId { get; init; }

    /// <summary>Discover: levels below the path to list (0 to 3); null: the default for the path's level.</summary>
    public int? Depth { get; init; }
}
