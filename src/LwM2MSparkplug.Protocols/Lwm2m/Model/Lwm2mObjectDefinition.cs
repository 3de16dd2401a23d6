namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>
/// One version of an LwM2M object definition: id, name, instance rules and resources, as the OMA registry's DDF files
/// describe them. <see cref="Version"/> is the object version (the <c>ver</c> a client registers), not the LwM2M version.
/// </summary>
public sealed class Lwm2mObjectDefinition(ushort id, string name, string version, bool multiple, bool mandatory, IEnumerable<Lwm2mResourceDefinition> resources)
{
    public ushort Id { get; } = id;
    public string Name { get; } = name;
    public string Version { get; } = version;
    public bool Multiple { get; } = multiple;
    public bool Mandatory { get; } = mandatory;
    public IReadOnlyDictionary<ushort, Lwm2mResourceDefinition> Resources { get; } = resources.ToDictionary(r => r.Id);
}
