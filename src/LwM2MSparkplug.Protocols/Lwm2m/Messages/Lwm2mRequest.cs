using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>
/// A request the server sends on <c>lwm2m/{ep}/cmd/{requestId}</c> (docs/lwm2m-over-mqtt.md). Which fields are used
/// depends on <see cref="Operation"/>; <see cref="Payload"/> is the raw JSON in <see cref="Format"/>.
/// </summary>
public sealed record Lwm2mRequest(Lwm2mOperation Operation)
{
    public Lwm2mPath? Path { get; init; }
    public IReadOnlyList<Lwm2mPath>? Paths { get; init; }

    /// <summary>Write: true for Write-Replace, false for Write-Partial-Update.</summary>
    public bool Replace { get; init; } = true;

    /// <summary>Read: the format the server prefers for the answer; null lets the device choose.</summary>
    public Lwm2mContentFormat? Accept { get; init; }

    public Lwm2mContentFormat? Format { get; init; }
    public JsonElement? Payload { get; init; }

    /// <summary>Execute: the argument text, e.g. <c>0='reboot'</c>.</summary>
    public string? Arguments { get; init; }

    /// <summary>Write-Attributes: the JSON object of attributes (a null value unsets).</summary>
    public JsonElement? Attributes { get; init; }

    public string? ObservationId { get; init; }

    /// <summary>Discover: how many levels below the path to list (0 to 3); null: the default for the path's level.</summary>
    public int? Depth { get; init; }
}
