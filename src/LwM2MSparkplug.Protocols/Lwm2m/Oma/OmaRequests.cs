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
        message = new OmaMessage(token) { Operation = OperationOf(request), Uri = request.Path?.ToString() };
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

    static OmaOperation OperationOf(Lwm2mRequest request) => request.Operation switch
    {
        Lwm2mOperation.Read => OmaOperation.Read,
        Lwm2mOperation.ReadComposite => OmaOperation.ReadComposite,
        Lwm2mOperation.Discover => OmaOperation.Discover,
        Lwm2mOperation.Write => request.Replace ? OmaOperation.WriteReplace : OmaOperation.WritePartialUpdate,
        Lwm2mOperation.WriteAttributes => OmaOperation.WriteAttributes,
        Lwm2mOperation.WriteComposite => OmaOperation.WriteComposite,
        Lwm2mOperation.Execute => OmaOperation.Execute,
        Lwm2mOperation.Create => OmaOperation.Create,
        Lwm2mOperation.Delete => OmaOperation.Delete,
        Lwm2mOperation.Observe => OmaOperation.Observe,
        Lwm2mOperation.ObserveComposite => OmaOperation.ObserveComposite,
        _ => OmaOperation.CancelObserve,
    };

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
        if (!NotificationAttributes.TryReadChanges(json, out var changes, out notExpressible))
        {
            return false;
        }
        foreach (var (name, value) in changes)
        {
            if (value is not { } number)
            {
                notExpressible = $"the OMA MQTT binding cannot unset an attribute ('{name}': null): it has no encoding for it";
                return false;
            }
            if (name is "lt" or "con")
            {
                notExpressible = $"the OMA MQTT binding has no key for the attribute '{name}' (it has pmin, pmax, gt, st, epmin, epmax, edge, hqmax)";
                return false;
            }
            if (name is not ("gt" or "st") && (number != Math.Floor(number) || number is < 0 or > uint.MaxValue))
            {
                notExpressible = $"the OMA MQTT binding carries '{name}' as an unsigned integer; {number} is not one";
                return false;
            }
            attributes = name switch
            {
                "pmin" => attributes with { MinimumPeriod = (uint)number },
                "pmax" => attributes with { MaximumPeriod = (uint)number },
                "gt" => attributes with { GreaterThan = number },
                "st" => attributes with { Step = number },
                "epmin" => attributes with { MinimumEvaluationPeriod = (uint)number },
                "epmax" => attributes with { MaximumEvaluationPeriod = (uint)number },
                "edge" => attributes with { Edge = number == 1 },
                _ => attributes with { HistoricalQueueMaximum = (uint)number },
            };
        }
        return true;
    }
}
