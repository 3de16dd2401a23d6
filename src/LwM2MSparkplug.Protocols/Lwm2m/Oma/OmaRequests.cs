using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// The server's requests as messages of the binding (Transport §8.3.2, §8.3.3): the same <see cref="Lwm2mRequest"/>
/// the JSON contract sends, under a token. Observe, Observe-Composite and Cancel-Observe carry the observation's token.
/// A preferred answer format travels in key 4 (pct), as for Bootstrap-Read; a device that ignores it answers in its own.
/// </summary>
public static class OmaRequests
{
    /// <summary>
    /// The message for <paramref name="request"/>; false, with the reason, for what the binding cannot express: the
    /// attributes <c>lt</c> and <c>con</c>, unsetting an attribute, fractional periods (the binding has no key or type
    /// for them, note §2.1).
    /// </summary>
    public static bool TryWrite(Lwm2mRequest request, ulong token, out OmaMessage message, out string notExpressible)
    {
        ArgumentNullException.ThrowIfNull(request);
        notExpressible = string.Empty;
        message = new OmaMessage(token) { Operation = OmaOperations.FromLwm2m(request.Operation, request.Replace), Uri = request.Path?.ToString() };
        switch (request.Operation)
        {
            case Lwm2mOperation.Read or Lwm2mOperation.Observe:
                message = message with { PreferredContentFormat = (ushort?)request.Accept };
                break;
            case Lwm2mOperation.ReadComposite or Lwm2mOperation.ObserveComposite:
                message = message with { Paths = Lwm2mFetchPack.Write(request.Paths ?? []), PreferredContentFormat = (ushort?)request.Accept };
                break;
            case Lwm2mOperation.Discover:
                message = message with { Depth = (byte?)request.Depth };
                break;
            case Lwm2mOperation.Write or Lwm2mOperation.Create or Lwm2mOperation.WriteComposite when request is { Format: { } format, Payload: { } payload }:
                message = message with { ContentFormat = (ushort)format, Payload = ContentBytes(format, payload) };
                break;
            case Lwm2mOperation.Execute when request.Arguments is { Length: > 0 } arguments:
                message = message with { Payload = Encoding.UTF8.GetBytes(arguments) };
                break;
            case Lwm2mOperation.WriteAttributes when request.Attributes is { } attributes:
                if (!TryReadAttributes(attributes, out var written, out notExpressible))
                {
                    return false;
                }
                message = message with { Attributes = written };
                break;
        }
        return true;
    }

    /// <summary>The token of a request: the observation's for Observe, Observe-Composite and Cancel-Observe, else a new one.</summary>
    public static bool UsesObservationToken(Lwm2mOperation operation) =>
        operation is Lwm2mOperation.Observe or Lwm2mOperation.ObserveComposite or Lwm2mOperation.CancelObserve;

    /// <summary>The bytes of a JSON-contract payload: base64 decoded for binary formats, the text, or the JSON itself.</summary>
    public static byte[] ContentBytes(Lwm2mContentFormat format, JsonElement payload) => format switch
    {
        _ when format.IsBinary() => payload.GetBytesFromBase64(),
        Lwm2mContentFormat.Text or Lwm2mContentFormat.Link => Encoding.UTF8.GetBytes(payload.GetString()!),
        _ => JsonSerializer.SerializeToUtf8Bytes(payload),
    };

    static bool TryReadAttributes(JsonElement json, out OmaAttributes attributes, out string notExpressible)
    {
        attributes = new OmaAttributes();
        return NotificationAttributes.TryReadChanges(json, out var changes, out notExpressible)
            && OmaAttributes.TryFromChanges(changes, out attributes, out notExpressible);
    }
}
