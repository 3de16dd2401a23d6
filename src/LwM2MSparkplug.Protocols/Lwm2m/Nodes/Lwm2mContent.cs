using System.Buffers;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Cbor;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.OmaJson;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Lwm2m.Tlv;
using LwM2MSparkplug.Protocols.Senml;

namespace LwM2MSparkplug.Protocols.Lwm2m.Nodes;

/// <summary>
/// Resource values in every content format this project speaks, as bytes (the OMA binding's payload) or as the JSON
/// contract's <c>payload</c> value (SenML JSON as JSON, text as a string, binary formats as base64).
/// </summary>
public static class Lwm2mContent
{
    /// <summary>The JSON contract's payload for values in <paramref name="format"/>; text, opaque and cbor carry exactly one resource.</summary>
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

    /// <summary>Writes values in <paramref name="format"/> as the JSON contract's payload value.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<Lwm2mResourceValue> values, Lwm2mContentFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(values);
        switch (format)
        {
            case Lwm2mContentFormat.SenmlJson:
                SenmlJsonCodec.Write(writer, Lwm2mValueConverter.ToSenml(values));
                break;
            case Lwm2mContentFormat.Text when values is [var single]:
                writer.WriteStringValue(Lwm2mValueConverter.ToText(single));
                break;
            case var binary when binary.IsBinary():
                writer.WriteBase64StringValue(Encode(values, format));
                break;
            case Lwm2mContentFormat.OmaJson:
                writer.WriteRawValue(Encode(values, format));
                break;
            default:
                throw new ArgumentException($"{format.ToWire()} does not carry these values.", nameof(format));
        }
    }

    /// <summary>The bytes of values in <paramref name="format"/>; text, opaque and cbor carry exactly one resource of a fitting type.</summary>
    public static byte[] Encode(IReadOnlyList<Lwm2mResourceValue> values, Lwm2mContentFormat format)
    {
        ArgumentNullException.ThrowIfNull(values);
        switch (format)
        {
            case Lwm2mContentFormat.SenmlJson:
                var buffer = new ArrayBufferWriter<byte>(256);
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    SenmlJsonCodec.Write(writer, Lwm2mValueConverter.ToSenml(values));
                }
                return buffer.WrittenSpan.ToArray();
            case Lwm2mContentFormat.SenmlCbor:
                return SenmlCborCodec.Write(Lwm2mValueConverter.ToSenml(values));
            case Lwm2mContentFormat.Lwm2mCbor:
                return Lwm2mCborCodec.Write([.. Lwm2mValueConverter.ToCbor(values)]);
            case Lwm2mContentFormat.Cbor when values is [var single]:
                return PlainCborCodec.Write(single);
            case Lwm2mContentFormat.Tlv:
                return Lwm2mTlvCodec.Write(values);
            case Lwm2mContentFormat.OmaJson:
                return OmaJsonCodec.Write(values);
            case Lwm2mContentFormat.Text when values is [var single]:
                return Encoding.UTF8.GetBytes(Lwm2mValueConverter.ToText(single));
            case Lwm2mContentFormat.Opaque when values is [{ Value: byte[] bytes }]:
                return bytes;
            default:
                throw new ArgumentException($"{format.ToWire()} does not carry these values.", nameof(format));
        }
    }

    /// <summary>
    /// Reads values from the JSON contract's payload, typed by <paramref name="model"/>; <paramref name="target"/>
    /// types a single-value payload (text, opaque, cbor).
    /// </summary>
    public static bool TryReadValues(Lwm2mPath? target, Lwm2mContentFormat format, JsonElement payload, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        ArgumentNullException.ThrowIfNull(model);
        values = [];
        switch (format)
        {
            case Lwm2mContentFormat.SenmlJson:
                return TryReadSenmlJson(payload, model, out values, out error);
            case Lwm2mContentFormat.Text when payload.ValueKind == JsonValueKind.String:
                return TryDecode(target, format, Encoding.UTF8.GetBytes(payload.GetString()!), model, out values, out error);
            case var binary when binary.IsBinary() && payload.ValueKind == JsonValueKind.String:
                if (!payload.TryGetBytesFromBase64(out var bytes))
                {
                    error = $"{format.ToWire()} content is base64 text in the JSON contract";
                    return false;
                }
                return TryDecode(target, format, bytes, model, out values, out error);
            case Lwm2mContentFormat.OmaJson when payload.ValueKind == JsonValueKind.Object:
                return TryDecode(target, format, JsonSerializer.SerializeToUtf8Bytes(payload), model, out values, out error);
            case Lwm2mContentFormat.Link:
                error = "link content holds no resource values";
                return false;
            default:
                error = $"{format.ToWire()} content is {(format == Lwm2mContentFormat.Text ? "a JSON string" : format == Lwm2mContentFormat.OmaJson ? "a JSON object" : "base64 text")} in the JSON contract";
                return false;
        }
    }

    /// <summary>Reads values from content bytes in <paramref name="format"/>, typed by <paramref name="model"/>.</summary>
    public static bool TryDecode(Lwm2mPath? target, Lwm2mContentFormat format, ReadOnlyMemory<byte> content, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        ArgumentNullException.ThrowIfNull(model);
        values = [];
        switch (format)
        {
            case Lwm2mContentFormat.SenmlJson:
                try
                {
                    using var document = JsonDocument.Parse(content);
                    return TryReadSenmlJson(document.RootElement, model, out values, out error);
                }
                catch (JsonException exception)
                {
                    error = "SenML JSON content is not JSON: " + exception.Message;
                    return false;
                }
            case Lwm2mContentFormat.SenmlCbor:
                if (!SenmlCborCodec.TryRead(content, out var records, out error))
                {
                    return false;
                }
                return Lwm2mValueConverter.TryFromSenml(records, model, out values, out error);
            case Lwm2mContentFormat.Lwm2mCbor:
                if (!Lwm2mCborCodec.TryRead(content, out var items, out error))
                {
                    return false;
                }
                return Lwm2mValueConverter.TryFromCbor(items, model, out values, out error);
            case Lwm2mContentFormat.Cbor:
                return PlainCborCodec.TryRead(target, content, model, out values, out error);
            case Lwm2mContentFormat.Tlv:
                return Lwm2mTlvCodec.TryRead(target, content, model, out values, out error);
            case Lwm2mContentFormat.OmaJson:
                return OmaJsonCodec.TryRead(target, content, model, out values, out error);
            case Lwm2mContentFormat.Text or Lwm2mContentFormat.Opaque:
                return TryReadSingle(target, format, content, model, out values, out error);
            default:
                error = $"{format.ToWire()} content holds no resource values";
                return false;
        }
    }

    static bool TryReadSenmlJson(JsonElement payload, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        values = [];
        return SenmlJsonCodec.TryRead(payload, out var records, out error) && Lwm2mValueConverter.TryFromSenml(records, model, out values, out error);
    }

    /// <summary>Text and opaque content: one value of the resource the request named.</summary>
    static bool TryReadSingle(Lwm2mPath? target, Lwm2mContentFormat format, ReadOnlyMemory<byte> content, Lwm2mDeviceModel model, out IReadOnlyList<Lwm2mResourceValue> values, out string error)
    {
        values = [];
        if (target is not { Depth: >= 3 } path)
        {
            error = $"{format.ToWire()} content is one resource's value: it needs a resource path";
            return false;
        }
        if (format == Lwm2mContentFormat.Opaque)
        {
            values = [new Lwm2mResourceValue(path, Lwm2mResourceType.Opaque, content.ToArray())];
            error = string.Empty;
            return true;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content.Span);
        }
        catch (DecoderFallbackException)
        {
            error = "text content is not UTF-8";
            return false;
        }
        var type = model.TryGetResource(path, out var definition) ? definition.Type : Lwm2mResourceType.String;
        if (Lwm2mValueConverter.FromText(type, text) is not { } value)
        {
            error = $"'{text}' is not a valid {type} value for {path}";
            return false;
        }
        values = [new Lwm2mResourceValue(path, type, value)];
        error = string.Empty;
        return true;
    }
}
