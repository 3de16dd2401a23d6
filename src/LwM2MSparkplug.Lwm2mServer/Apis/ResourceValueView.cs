using System.Buffers;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Senml;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// A resource value as the REST API and events show it, named and typed from the object model when known, with the
/// time the device gave it (SenML <c>bt</c>/<c>t</c>), if it gave one.
/// </summary>
public sealed record ResourceValueView(string Path, string? Name, string Type, JsonElement Value, string? Units)
{
    /// <summary>When the value was measured, from the SenML time; absent when the device gave none.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <param name="value">The value.</param>
    /// <param name="model">The device's object model, for names and units.</param>
    /// <param name="receivedAt">When it arrived: SenML times below 2^28 are relative to it.</param>
    public static ResourceValueView From(Lwm2mResourceValue value, Lwm2mDeviceModel model, DateTimeOffset receivedAt)
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
            known ? definition.Units : null)
        {
            Time = value.SenmlTime is { } time ? SenmlTime.ToAbsolute(time, receivedAt) : null,
        };
    }

    public static IReadOnlyList<ResourceValueView> From(IEnumerable<Lwm2mResourceValue> values, Lwm2mDeviceModel model, DateTimeOffset receivedAt) =>
        [.. values.Select(value => From(value, model, receivedAt))];
}
