using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// What a Register announces (LwM2M 1.2 Core §6.2.1): endpoint, lifetime, version, binding and the object instances;
/// <see cref="Values"/> are current resource values for dialects that carry them (the JSON contract's original form).
/// </summary>
public sealed record Lwm2mClientRegistration(
    string Endpoint,
    TimeSpan Lifetime,
    string Version,
    string BindingMode,
    IReadOnlyList<Lwm2mPath> ObjectLinks,
    IReadOnlyList<Lwm2mResourceValue> Values)
{
    /// <summary>The version of each object served (its <c>ver</c>), by object id.</summary>
    public IReadOnlyDictionary<ushort, string> ObjectVersions { get; init; } = new Dictionary<ushort, string>();

    /// <summary>Whether the client sleeps between its messages (the Register's <c>Q</c> parameter, Core §6.5).</summary>
    public bool QueueMode { get; init; }
}
