using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Nodes;

/// <summary>
/// The value of one resource or resource instance. <see cref="Value"/> holds, by <see cref="Type"/>: String and
/// CoreLink a <see cref="string"/>; Integer and Time a <see cref="long"/> (Time in seconds since the Unix epoch);
/// UnsignedInteger a <see cref="ulong"/>; Float a <see cref="double"/>; Boolean a <see cref="bool"/>; Opaque a
/// <see cref="byte"/>[]; ObjectLink a <see cref="string"/> <c>"objectId:instanceId"</c>.
/// </summary>
public sealed record Lwm2mResourceValue(Lwm2mPath Path, Lwm2mResourceType Type, object Value)
{
    /// <summary>
    /// The time the value was measured, as SenML gave it (base time plus time, RFC 8428 §4.5.3): absolute seconds
    /// since the epoch, or relative to the receiver's now; see <see cref="Senml.SenmlTime.ToAbsolute"/>. Null: none given.
    /// </summary>
    public double? SenmlTime { get; init; }

    /// <summary>The value as a double, for numeric types (observe thresholds); null otherwise.</summary>
    public double? AsNumber() => Value switch
    {
        long l => l,
        ulong u => u,
        double d => d,
        _ => null,
    };
}
