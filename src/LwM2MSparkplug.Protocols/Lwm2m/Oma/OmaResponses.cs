using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// Responses of the binding (<c>{2: token, 18: result, ?19: ct, ?7: payload}</c>, Transport §8.4) as the
/// <see cref="Lwm2mResponse"/> the JSON contract gives, so one server answers both: result 205 is code 2.05, and the
/// payload becomes the contract's JSON form of the same content (binary formats as base64).
/// </summary>
public static class OmaResponses
{
    /// <summary>The binding's result number of a code: class × 100 + detail (2.05 → 205).</summary>
    public static ushort ResultOf(Lwm2mResultCode code) => (ushort)(code.Class * 100 + code.Detail);

    /// <summary>The code of a result number; false for one that is not a 2xx, 4xx or 5xx result.</summary>
    public static bool TryCodeOf(ushort result, out Lwm2mResultCode code)
    {
        code = new Lwm2mResultCode(result / 100, result % 100);
        return code.Class is 2 or 4 or 5;
    }

    /// <summary>
    /// The success code an operation's answer must have over the binding: the CoAP one (<see cref="Lwm2mOperationNames.SuccessCode"/>),
    /// except Cancel-Observe, which the binding's known implementation and worked example answer with 205 (note §2.2, §5
    /// example 5) and a device used to CoAP with 204: either is taken, as <paramref name="answered"/> says.
    /// </summary>
    public static Lwm2mResultCode SuccessCode(Lwm2mOperation operation, Lwm2mResultCode? answered = null) =>
        operation != Lwm2mOperation.CancelObserve ? operation.SuccessCode()
        : answered == Lwm2mResultCode.Changed ? Lwm2mResultCode.Changed
        : Lwm2mResultCode.Content;

    /// <summary>A server's answer to a device's request (Register, Update, De-register, Send): the result only.</summary>
    public static OmaMessage Write(ulong token, Lwm2mResultCode code) => new(token) { Result = ResultOf(code) };

    /// <summary>Reads a device's response; false, with why, when it does not fit (an unknown result or content format).</summary>
    public static bool TryRead(OmaMessage message, out Lwm2mResponse response, out string invalid)
    {
        ArgumentNullException.ThrowIfNull(message);
        response = null!;
        invalid = string.Empty;
        if (message.Result is not { } result || !TryCodeOf(result, out var code))
        {
            invalid = $"result {message.Result} is not a result of the binding (2xx, 4xx, 5xx)";
            return false;
        }
        response = new Lwm2mResponse(code);
        if (message.Payload is not { } payload)
        {
            return true;
        }
        if (message.ContentFormat is not { } number || !Lwm2mContentFormatNames.TryFromNumber(number, out var format))
        {
            invalid = message.ContentFormat is null
                ? "the response has a payload (key 7) without its content format (key 19)"
                : $"content format {message.ContentFormat} (key 19) is not one this server reads";
            return false;
        }
        if (!TryToJson(format, payload, out var json, out invalid))
        {
            return false;
        }
        response = response with { Format = format, Payload = json };
        return true;
    }

    /// <summary>The JSON contract's form of content bytes: base64 for binary formats, a string for text, the JSON itself.</summary>
    public static bool TryToJson(Lwm2mContentFormat format, ReadOnlyMemory<byte> content, out JsonElement json, out string invalid)
    {
        invalid = string.Empty;
        json = default;
        try
        {
            if (format.IsBinary())
            {
                json = JsonSerializer.SerializeToElement(Convert.ToBase64String(content.Span));
            }
            else if (format is Lwm2mContentFormat.Text or Lwm2mContentFormat.Link)
            {
                json = JsonSerializer.SerializeToElement(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content.Span));
            }
            else
            {
                using var document = JsonDocument.Parse(content);
                json = document.RootElement.Clone();
            }
            return true;
        }
        catch (Exception exception) when (exception is DecoderFallbackException or JsonException)
        {
            invalid = $"the {format.ToWire()} payload is not {(format is Lwm2mContentFormat.Text or Lwm2mContentFormat.Link ? "UTF-8 text" : "JSON")}";
            return false;
        }
    }
}
