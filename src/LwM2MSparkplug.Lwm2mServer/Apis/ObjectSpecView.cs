using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m.Model;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>One version of an object definition as the REST API shows it (Leshan's <c>objectspecs</c>).</summary>
public sealed record ObjectSpecView(int Id, string Name, string Version, bool Multiple, bool Mandatory, IReadOnlyList<ResourceSpecView> Resources)
{
    public static ObjectSpecView From(Lwm2mObjectDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new ObjectSpecView(definition.Id, definition.Name, definition.Version, definition.Multiple, definition.Mandatory,
            [.. definition.Resources.Values.OrderBy(r => r.Id).Select(ResourceSpecView.From)]);
    }
}

/// <summary>
/// One resource of an object definition: <see cref="Operations"/> in the registry's letters (R, W, RW, E, or empty),
/// <see cref="Type"/> as resource values name it (<c>float</c>, <c>unsigned_integer</c>, <c>none</c> for executables).
/// </summary>
public sealed record ResourceSpecView(int Id, string Name, string Operations, string Type, bool Multiple, bool Mandatory, string? Units, string? Range)
{
    public static ResourceSpecView From(Lwm2mResourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new ResourceSpecView(definition.Id, definition.Name, Lwm2mRegistryTerms.FormatOperations(definition.Operations),
            ReasonNames.ToSnakeCase(definition.Type.ToString()), definition.Multiple, definition.Mandatory, definition.Units, definition.Range);
    }
}

/// <summary>An object a device registered, at the version it registered; <see cref="Spec"/> is null when the model does not know it.</summary>
public sealed record DeviceObjectSpecView(int Id, string Version, bool Known, ObjectSpecView? Spec);
