namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>An LwM2M object definition: id, name, instance rules and resources (as in the OMA registry's XML).</summary>
public sealed class Lwm2mObjectDefinition(ushort id, string name, string version, bool multiple, bool mandatory, IEnumerable<Lwm2mResourceDefinition> resources)
{
    public ushort Id { get; } = id;
    public string Name { get; } = name;
    public string Version { get; } = version;
    public bool Multiple { get; } = multiple;
    public bool Mandatory { get; } = mandatory;
    public IReadOnlyDictionary<ushort, Lwm2mResourceDefinition> Resources { get; } = resources.ToDictionary(r => r.Id);
}
