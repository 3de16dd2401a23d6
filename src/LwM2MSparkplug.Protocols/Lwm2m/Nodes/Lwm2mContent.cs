using System.Buffers;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Senml;

namespace LwM2MSparkplug.Protocols.Lwm2m.Nodes;

/// <summary>Resource values in the wire contract's content formats (<c>senml+json</c>, <c>text</c>, <c>opaque</c>).</summary>
public static class Lwm2mContent
{
    /// <summary>The payload for values in <paramref name="format"/>; text and opaque carry exactly one resource.</summary>
    public static JsonElement ToPayload(IReadOnlyList<Lwm2mResourceValue> values, Lwm2mContentFormat format)
    {
        ArgumentNullException.ThrowIfNull(values);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, values, format);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Writes values in <paramref name="format"/> as one JSON value; text and opaque carry exactly one resource.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<Lwm2mResourceValue> values, Lwm2mContentFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(values);
        switch (format)
        {
            case Lwm2mContentFormat.SenmlJson:
                SenmlJsonCodec.Write(writer, Lwm2mValueConverter.ToSenml(values));
                break;
            case Lwm2mContentFormat.Opaque when values is [{ Value: byte[] bytes }]:
                writer.WriteBase64StringValue(bytes);
                break;
            case Lwm2mContentFormat.Text when values is [var single]:
                writer.WriteStringValue(Lwm2mValueConverter.ToText(single));
                break;
            default:
                throw new ArgumentException($"{format.ToWire()} carries exactly one resource of the right type.", nameof(format));
        }
    }

    /// <summary>
    /// Reads values from a payload, typed by <paramref name="model"/>; <paramref name="target"/> types a text or opaque payload.
    /// </summary>
    public static bool TryReadValues(Lwm2mPath? target, Lwm2mContentFormat format, JsonElement payload, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        ArgumentNullException.ThrowIfNull(model);
        values = [];
        switch (format)
        {
            case Lwm2mContentFormat.SenmlJson:
                if (!SenmlJsonCodec.TryRead(payload, out var records, out error))
                {
                    return false;
                }
                return Lwm2mValueConverter.TryFromSenml(records, model, out values, out error);
            case Lwm2mContentFormat.Text or Lwm2mContentFormat.Opaque:
                if (target is not { Depth: >= 3 } path || payload.ValueKind != JsonValueKind.String)
                {
                    error = $"{format.ToWire()} content is one resource value as a JSON string";
                    return false;
                }
                var type = format == Lwm2mContentFormat.Opaque ? Lwm2mResourceType.Opaque
                    : model.TryGetResource(path, out var definition) ? definition.Type : Lwm2mResourceType.String;
                if (Lwm2mValueConverter.FromText(type, payload.GetString()!) is not { } value)
                {
                    error = $"'{payload.GetString()}' is not a valid {type} value for {path}";
                    return false;
                }
                values = [new Lwm2mResourceValue(path, type, value)];
                error = string.Empty;
                return true;
            default:
                error = $"{format.ToWire()} content holds no resource values";
                return false;
        }
    }
}
