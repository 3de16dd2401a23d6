using System.Buffers;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>A resource value as the REST API and events show it, named and typed from the object model when known.</summary>
public sealed record ResourceValueView(string Path, string? Name, string Type, JsonElement Value, string? Units)
{
    public static ResourceValueView From(Lwm2mResourceValue value, Lwm2mDeviceModel model)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(model);
        var known = model.TryGetResource(value.Path, out var definition);
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Lwm2mValueConverter.WriteJson(writer, value);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new ResourceValueView(
            value.Path.ToString(),
            known ? definition.Name : null,
            Protocols.ReasonNames.ToSnakeCase(value.Type.ToString()),
            document.RootElement.Clone(),
            known ? definition.Units : null);
    }

    public static IReadOnlyList<ResourceValueView> From(IEnumerable<Lwm2mResourceValue> values, Lwm2mDeviceModel model) =>
        [.. values.Select(value => From(value, model))];
}
