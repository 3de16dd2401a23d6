using System.Globalization;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;

namespace LwM2MSparkplug.KafkaBridge.Routing;

/// <summary>
/// The JSON contract's topic of the same message as an OMA binding message on <c>[prefix/]lwm2m/rd/{ep}</c>, by which
/// the bridge routes it: the binding's one topic per device says nothing of the message, its envelope's operation
/// does. So one set of routes serves both dialects, and a route a user writes for <c>lwm2m/+/reg</c> takes OMA
/// Registers too.
/// </summary>
public static class OmaRoutingTopic
{
    /// <summary>
    /// Register → <c>lwm2m/{ep}/reg</c>, De-register → <c>…/dereg</c>, Update → <c>…/update</c>, Send → <c>…/send</c>,
    /// Notify → <c>…/notify/{token}</c>, a response (<paramref name="operation"/> null) → <c>…/resp/{token}</c>; null for
    /// the operations a device does not send on the <c>rd</c> topic (the server's requests).
    /// </summary>
    public static Lwm2mTopic? For(string endpoint, OmaOperation? operation, ulong token)
    {
        var id = token.ToString(CultureInfo.InvariantCulture);
        return operation switch
        {
            null => Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Response, id),
            OmaOperation.Register => Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Register),
            OmaOperation.Deregister => Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Deregister),
            OmaOperation.Update => Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Update),
            OmaOperation.Send => Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Send),
            OmaOperation.Notify => Lwm2mTopic.Create(endpoint, Lwm2mTopicKind.Notify, id),
            _ => null,
        };
    }

    /// <summary>The routing topic of an envelope that did not read, from what its lenient header shows; null when it shows neither an operation nor a result.</summary>
    public static Lwm2mTopic? For(string endpoint, OmaEnvelopeHeader header)
    {
        if (header.HasResult)
        {
            return For(endpoint, null, header.Token ?? 0);
        }
        return header.OperationCode is { } code && OmaOperationCodes.TryFromWire(code, OmaInterface.Registration, out var operation)
            ? For(endpoint, operation, header.Token ?? 0)
            : null;
    }
}
