using System.Buffers;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Messages;

/// <summary>Reads and writes the JSON envelopes of requests, responses, notifications and sends.</summary>
public static class Lwm2mEnvelopeCodec
{
    /// <summary>The deepest Discover: from an object down to resource instances (LwM2M 1.2 Core §5.4.2).</summary>
    public const int MaxDiscoverDepth = 3;

    public static byte[] WriteRequest(Lwm2mRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("op", request.Operation.ToWire());
            if (request.Path is { } path)
            {
                writer.WriteString("path", path.ToString());
            }
            if (request.Paths is { } paths)
            {
                writer.WriteStartArray("paths");
                foreach (var item in paths)
                {
                    writer.WriteStringValue(item.ToString());
                }
                writer.WriteEndArray();
            }
            if (request.Operation == Lwm2mOperation.Write)
            {
                writer.WriteString("mode", request.Replace ? "replace" : "partial");
            }
            if (request.Accept is { } accept)
            {
                writer.WriteString("accept", accept.ToWire());
            }
            WriteContent(writer, request.Format, request.Payload);
            if (request.Arguments is not null)
            {
                writer.WriteString("args", request.Arguments);
            }
            if (request.Attributes is { } attributes)
            {
                writer.WritePropertyName("attributes");
                attributes.WriteTo(writer);
            }
            if (request.ObservationId is not null)
            {
                writer.WriteString("observationId", request.ObservationId);
            }
            if (request.Depth is { } depth)
            {
                writer.WriteNumber("depth", depth);
            }
            writer.WriteEndObject();
        });
    }

    public static byte[] WriteResponse(Lwm2mResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Write(writer =>
        {
            writer.WriteStartObject();
            if (response.Code is { } code)
            {
                writer.WriteString("code", code.ToString());
            }
            if (response.RegistrationId is not null)
            {
                writer.WriteString("registrationId", response.RegistrationId);
            }
            if (response.Location is not null)
            {
                writer.WriteString("location", response.Location);
            }
            WriteContent(writer, response.Format, response.Payload);
            if (response.Error is not null)
            {
                writer.WriteString("error", response.Error);
            }
            writer.WriteEndObject();
        });
    }

    public static bool TryParseRequest(ReadOnlySequence<byte> bytes, out Lwm2mRequest request, out string error)
    {
        request = null!;
        if (!TryParseObject(bytes, out var root, out error))
        {
            return false;
        }
        if (!root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.String || !Lwm2mOperationNames.TryParse(op.GetString(), out var operation))
        {
            error = "'op' must be one of read, read-composite, discover, write, write-composite, write-attributes, execute, create, delete, observe, observe-composite, cancel-observe";
            return false;
        }
        request = new Lwm2mRequest(operation);
        if (root.TryGetProperty("path", out var pathElement))
        {
            if (pathElement.ValueKind != JsonValueKind.String || !Lwm2mPath.TryParse(pathElement.GetString(), out var path))
            {
                error = $"'path' {pathElement.GetRawText()} is not an LwM2M path such as /3/0/9";
                return false;
            }
            request = request with { Path = path };
        }
        if (root.TryGetProperty("paths", out var pathsElement))
        {
            var paths = new List<Lwm2mPath>();
            if (pathsElement.ValueKind != JsonValueKind.Array)
            {
                error = "'paths' must be an array of paths";
                return false;
            }
            foreach (var item in pathsElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !Lwm2mPath.TryParse(item.GetString(), out var path))
                {
                    error = $"'paths' holds {item.GetRawText()}, which is not an LwM2M path";
                    return false;
                }
                paths.Add(path);
            }
            request = request with { Paths = paths };
        }
        if (root.TryGetProperty("mode", out var mode))
        {
            if (mode.ValueKind != JsonValueKind.String || mode.GetString() is not ("replace" or "partial"))
            {
                error = "'mode' must be replace or partial";
                return false;
            }
            request = request with { Replace = mode.GetString() == "replace" };
        }
        if (root.TryGetProperty("accept", out var accept))
        {
            if (!Lwm2mContentFormatNames.TryParse(accept.ValueKind == JsonValueKind.String ? accept.GetString() : null, out var acceptFormat))
            {
                error = "'accept' must be one of " + Lwm2mContentFormatNames.Names;
                return false;
            }
            request = request with { Accept = acceptFormat };
        }
        if (!TryReadContent(root, out var format, out var payload, out error))
        {
            return false;
        }
        request = request with { Format = format, Payload = payload };
        if (root.TryGetProperty("args", out var args))
        {
            request = request with { Arguments = args.ValueKind == JsonValueKind.String ? args.GetString() : args.GetRawText() };
        }
        if (root.TryGetProperty("attributes", out var attributes))
        {
            request = request with { Attributes = attributes };
        }
        if (root.TryGetProperty("observationId", out var observation) && observation.ValueKind == JsonValueKind.String)
        {
            request = request with { ObservationId = observation.GetString() };
        }
        if (root.TryGetProperty("depth", out var depthElement))
        {
            if (depthElement.ValueKind != JsonValueKind.Number || !depthElement.TryGetInt32(out var depth) || depth is < 0 or > MaxDiscoverDepth)
            {
                error = $"'depth' must be a whole number from 0 to {MaxDiscoverDepth}";
                return false;
            }
            request = request with { Depth = depth };
        }
        error = MissingField(request);
        return error.Length == 0;
    }

    /// <summary>Parses a response or acknowledgement (a code is required) or, with <paramref name="codeRequired"/> false, a Notify or Send body.</summary>
    public static Lwm2mParseError TryParseResponse(ReadOnlySequence<byte> bytes, bool codeRequired, out Lwm2mResponse response)
    {
        response = null!;
        var parsed = Lwm2mMessageParser.TryParseObject(bytes, out var root);
        if (parsed.IsError)
        {
            return parsed;
        }
        Lwm2mResultCode? code = null;
        if (root.TryGetProperty("code", out var codeElement))
        {
            if (codeElement.ValueKind != JsonValueKind.String || !Lwm2mResultCode.TryParse(codeElement.GetString(), out var parsedCode))
            {
                return new(Lwm2mMessageError.WrongFieldType, $"'code' {codeElement.GetRawText()} is not a result code such as \"2.05\"");
            }
            code = parsedCode;
        }
        else if (codeRequired)
        {
            return new(Lwm2mMessageError.MissingField, "'code' is required, e.g. \"2.05\"");
        }
        if (!TryReadContent(root, out var format, out var payload, out var error))
        {
            return new(Lwm2mMessageError.WrongFieldType, error);
        }
        response = new Lwm2mResponse(code)
        {
            Format = format,
            Payload = payload,
            Error = root.TryGetProperty("error", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null,
            Location = root.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.String ? location.GetString() : null,
            RegistrationId = root.TryGetProperty("registrationId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
        };
        return Lwm2mParseError.None;
    }

    static string MissingField(Lwm2mRequest request) => request.Operation switch
    {
        Lwm2mOperation.ReadComposite or Lwm2mOperation.ObserveComposite when request.Paths is not { Count: > 0 } => $"'paths' is required for {request.Operation.ToWire()}",
        Lwm2mOperation.CancelObserve or Lwm2mOperation.Observe or Lwm2mOperation.ObserveComposite when request.ObservationId is null => $"'observationId' is required for {request.Operation.ToWire()}",
        Lwm2mOperation.WriteAttributes when request.Attributes is null => "'attributes' is required for write-attributes",
        Lwm2mOperation.Write or Lwm2mOperation.Create or Lwm2mOperation.WriteComposite when request.Payload is null => $"'payload' is required for {request.Operation.ToWire()}",
        Lwm2mOperation.WriteComposite when request.Format is not Lwm2mContentFormat.SenmlJson => "write-composite carries senml+json records, each naming its full path",
        not (Lwm2mOperation.ReadComposite or Lwm2mOperation.ObserveComposite or Lwm2mOperation.WriteComposite or Lwm2mOperation.CancelObserve) when request.Path is null => $"'path' is required for {request.Operation.ToWire()}",
        _ => string.Empty,
    };

    static bool TryReadContent(JsonElement root, out Lwm2mContentFormat? format, out JsonElement? payload, out string error)
    {
        format = null;
        payload = null;
        error = string.Empty;
        if (root.TryGetProperty("format", out var formatElement))
        {
            if (!Lwm2mContentFormatNames.TryParse(formatElement.ValueKind == JsonValueKind.String ? formatElement.GetString() : null, out var parsed))
            {
                error = "'format' must be one of " + Lwm2mContentFormatNames.Names;
                return false;
            }
            format = parsed;
        }
        if (root.TryGetProperty("payload", out var payloadElement))
        {
            payload = payloadElement;
            format ??= payloadElement.ValueKind == JsonValueKind.Array ? Lwm2mContentFormat.SenmlJson : Lwm2mContentFormat.Text;
        }
        return true;
    }

    static void WriteContent(Utf8JsonWriter writer, Lwm2mContentFormat? format, JsonElement? payload)
    {
        if (format is { } f)
        {
            writer.WriteString("format", f.ToWire());
        }
        if (payload is { } p)
        {
            writer.WritePropertyName("payload");
            p.WriteTo(writer);
        }
    }

    static bool TryParseObject(ReadOnlySequence<byte> bytes, out JsonElement root, out string error)
    {
        var parsed = Lwm2mMessageParser.TryParseObject(bytes, out root);
        error = parsed.Detail;
        return !parsed.IsError;
    }

    /// <summary>Writes one envelope with the contract's JSON settings (UTF-8 text unescaped).</summary>
    internal static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
