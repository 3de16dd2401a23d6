using System.Globalization;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Cbor;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Senml;

namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// Writes a device's message of the OMA binding as JSON for readers without the device's object model (the Kafka
/// bridge's records): <c>"dialect":"oma"</c>, the endpoint, and the envelope's keys by name (<c>operation</c> in
/// snake case, <c>token</c>, <c>result</c>, <c>uri</c>, <c>lifetime</c>, <c>version</c>, <c>binding</c>, <c>sms</c>,
/// <c>content_format</c>), with the content decoded as far as it goes without a model: SenML CBOR as SenML JSON
/// records, LwM2M CBOR as a map from path to value, JSON formats as themselves, text and link format as a string,
/// the rest (opaque, plain CBOR, TLV, unknown formats) as base64. Content that does not read in its format is kept as
/// base64 with a <c>payload_error</c>, so nothing in the message is silently dropped.
/// </summary>
/// <remarks>
/// Only the keys a device sends on the <c>rd</c> topic are written; the server's requests (paths, attributes, depth)
/// and the bootstrap interface's preferred format are not messages a device sends there.
/// </remarks>
public static class OmaJsonMessageWriter
{
    public const string Dialect = "oma";

    public static void Write(Utf8JsonWriter writer, string endpoint, OmaMessage message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(message);
        writer.WriteStartObject();
        writer.WriteString("dialect", Dialect);
        writer.WriteString("endpoint", endpoint);
        if (message.Operation is { } operation)
        {
            writer.WriteString("operation", ReasonNames.Of(operation));
        }
        writer.WriteNumber("token", message.Token);
        if (message.Result is { } result)
        {
            writer.WriteNumber("result", result);
        }
        WriteIfPresent(writer, "uri", message.Uri);
        if (message.Lifetime is { } lifetime)
        {
            writer.WriteNumber("lifetime", lifetime);
        }
        WriteIfPresent(writer, "version", message.Version);
        WriteIfPresent(writer, "binding", message.Binding);
        WriteIfPresent(writer, "sms", message.Sms);
        if (message.Payload is { } payload)
        {
            WriteContent(writer, message, payload);
        }
        writer.WriteEndObject();
    }

    static void WriteContent(Utf8JsonWriter writer, OmaMessage message, ReadOnlyMemory<byte> payload)
    {
        Lwm2mContentFormat? format = null;
        if (message.ContentFormat is { } number)
        {
            if (Lwm2mContentFormatNames.TryFromNumber(number, out var known))
            {
                format = known;
            }
            writer.WriteString("content_format", format?.ToWire() ?? number.ToString(CultureInfo.InvariantCulture));
        }
        else if (message.Operation is OmaOperation.Register or OmaOperation.Update)
        {
            // The object list of Register and Update is always CoRE link format and carries no key 19 (note §3.1).
            format = Lwm2mContentFormat.Link;
            writer.WriteString("content_format", format.Value.ToWire());
        }
        if (!TryWritePayload(writer, format, payload, out var error))
        {
            writer.WriteBase64String("payload", payload.Span);
            writer.WriteString("payload_error", error);
        }
    }

    /// <summary>Writes <c>"payload"</c> decoded; false, writing nothing, when it does not read in its format.</summary>
    static bool TryWritePayload(Utf8JsonWriter writer, Lwm2mContentFormat? format, ReadOnlyMemory<byte> payload, out string error)
    {
        error = string.Empty;
        switch (format)
        {
            case Lwm2mContentFormat.SenmlCbor:
                if (!SenmlCborCodec.TryRead(payload, out var records, out error))
                {
                    error = "not SenML CBOR: " + error;
                    return false;
                }
                writer.WritePropertyName("payload");
                SenmlJsonCodec.Write(writer, records);
                return true;
            case Lwm2mContentFormat.Lwm2mCbor:
                if (!Lwm2mCborCodec.TryRead(payload, out var items, out error))
                {
                    error = "not LwM2M CBOR: " + error;
                    return false;
                }
                writer.WriteStartObject("payload");
                foreach (var item in items)
                {
                    writer.WritePropertyName(item.Path.ToString());
                    WriteCborValue(writer, item.Value);
                }
                writer.WriteEndObject();
                return true;
            case Lwm2mContentFormat.SenmlJson or Lwm2mContentFormat.OmaJson:
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(payload);
                }
                catch (JsonException)
                {
                    error = $"{format.Value.ToWire()} content is not JSON";
                    return false;
                }
                using (document)
                {
                    writer.WritePropertyName("payload");
                    document.RootElement.WriteTo(writer);
                }
                return true;
            case Lwm2mContentFormat.Text or Lwm2mContentFormat.Link:
                string text;
                try
                {
                    text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload.Span);
                }
                catch (DecoderFallbackException)
                {
                    error = $"{format.Value.ToWire()} content is not UTF-8";
                    return false;
                }
                writer.WriteString("payload", text);
                return true;
            default:
                writer.WriteBase64String("payload", payload.Span);
                return true;
        }
    }

    /// <summary>A value as LwM2M CBOR carried it (see <see cref="Lwm2mCborItem"/>): bytes as base64, non-finite floats as strings.</summary>
    static void WriteCborValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case long l: writer.WriteNumberValue(l); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case double d: writer.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity"); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string s: writer.WriteStringValue(s); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            default: throw new ArgumentException($"{value.GetType().Name} is not a value LwM2M CBOR carries.", nameof(value));
        }
    }

    static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
