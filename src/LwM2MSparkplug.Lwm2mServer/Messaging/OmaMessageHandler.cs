using System.Buffers;
using System.Globalization;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>
/// The server's side of OMA's LwM2M 1.2 MQTT binding (Transport §8) on <c>[prefix/]lwm2m/rd/{ep}</c>: reads each CBOR
/// envelope, drops the server's own requests (everyone receives their publications on the shared topic; the server's
/// subscription also asks the broker not to echo them), hands the device's requests to the same registration and
/// reporting paths as the JSON contract, and its responses to the waiting REST request. Refusals are counted in
/// <c>lwm2m_invalid_messages_total</c> with an <c>oma_</c> reason and answered with a result when the request's token
/// could be read.
/// </summary>
public sealed class OmaMessageHandler(
    RegistrationHandler registration,
    ReportingHandler reporting,
    DeviceResponses responses,
    PendingRequests pending,
    OmaReplies replies,
    Lwm2mServerMetrics metrics,
    IOptions<Lwm2mServerOptions> options,
    TimeProvider time,
    ILogger<OmaMessageHandler> logger)
{
    readonly TimeSpan _cancelWait = options.Value.RequestTimeout;

    /// <summary>Handles one message; true when it came from the device (a request or response of its own), which shows it awake.</summary>
    public bool Handle(string topic, OmaTopic parsed, ReadOnlySequence<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var bytes = payload.IsSingleSegment ? payload.First : payload.ToArray();
        if (!OmaEnvelopeCodec.TryRead(bytes, parsed.Interface, out var message, out var error))
        {
            Reject(topic, "oma_" + ReasonNames.Of(error), Describe(error));
            if (DevicesRequest(OmaEnvelopeHeader.Read(bytes)) is { } refused)
            {
                replies.Answer(parsed, refused, error == OmaEnvelopeError.UnknownOperation ? Lwm2mResultCode.NotImplemented : Lwm2mResultCode.BadRequest);
            }
            return false;
        }
        if (message!.Result is not null)
        {
            metrics.Messages.WithLabels("response").Inc();
            HandleResponse(topic, parsed.Endpoint, message);
            return true;
        }
        var operation = message.Operation!.Value;
        if (!OmaOperationCodes.IsSentByClient(operation))
        {
            // The server's own request, echoed by a broker that ignores No Local, or another server's: not for us.
            return false;
        }
        var token = message.Token;
        void Reply(Lwm2mResponse response) => replies.Answer(parsed, token, response.Code!.Value);
        switch (operation)
        {
            case OmaOperation.Register:
                metrics.Messages.WithLabels("register").Inc();
                var registerError = OmaRegistrationReader.TryReadRegister(parsed.Endpoint, message, out var register);
                if (Refused(topic, parsed, token, registerError))
                {
                    return true;
                }
                registration.Register(topic, register, Lwm2mDialect.Oma, Reply);
                return true;
            case OmaOperation.Update:
                metrics.Messages.WithLabels("update").Inc();
                var updateError = OmaRegistrationReader.TryReadUpdate(message, out var update);
                if (Refused(topic, parsed, token, updateError))
                {
                    return true;
                }
                registration.Update(topic, parsed.Endpoint, update, Reply);
                return true;
            case OmaOperation.Deregister:
                metrics.Messages.WithLabels("deregister").Inc();
                registration.Deregister(topic, parsed.Endpoint, Reply);
                return false;
            case OmaOperation.Notify:
                metrics.Messages.WithLabels("notify").Inc();
                if (TryReadContent(topic, message) is { } notified
                    && !reporting.Notify(topic, parsed.Endpoint, Id(token), notified))
                {
                    CancelObservation(parsed, token);
                }
                return true;
            default:
                // Send: the other operations a client sends are Bootstrap's, on the bs topic this server does not serve.
                metrics.Messages.WithLabels("send").Inc();
                if (TryReadContent(topic, message) is { } sent)
                {
                    reporting.Send(topic, parsed.Endpoint, Id(token), sent, Reply);
                }
                else
                {
                    replies.Answer(parsed, token, Lwm2mResultCode.BadRequest);
                }
                return true;
        }
    }

    /// <summary>
    /// A message larger than <c>MaxPayloadBytes</c>, counted by the caller: only its header is read (a CBOR reader skips
    /// the payload by its length), so a device's request is answered 413 and a response fails its REST request at once.
    /// </summary>
    public void RefuseTooLarge(string topic, OmaTopic parsed, ReadOnlySequence<byte> payload, string detail)
    {
        var header = OmaEnvelopeHeader.Read(payload.IsSingleSegment ? payload.First : payload.ToArray());
        if (DevicesRequest(header) is { } token)
        {
            replies.Answer(parsed, token, Lwm2mResultCode.RequestEntityTooLarge);
        }
        else if (header is { HasResult: true, Token: { } answered } && pending.TryMatch(parsed.Endpoint, Id(answered), out _) == PendingMatch.Waiting)
        {
            pending.TryComplete(Id(answered), DeviceAnswer.NotAResponse(detail));
        }
    }

    /// <summary>The token of a refused request the device may be answered for: one of the device's own operations, or an unknown one.</summary>
    static ulong? DevicesRequest(OmaEnvelopeHeader header)
    {
        if (!header.IsAnswerableRequest)
        {
            return null;
        }
        // The server's own requests (Read, Write, …) are never answered, even malformed: only a device's, or an unknown code (501).
        return !OmaOperationCodes.TryFromWire(header.OperationCode!.Value, OmaInterface.Registration, out var operation) || OmaOperationCodes.IsSentByClient(operation)
            ? header.Token
            : null;
    }

    /// <summary>The request id of a token, as the server's pending requests and observations know it.</summary>
    public static string Id(ulong token) => token.ToString(CultureInfo.InvariantCulture);

    void HandleResponse(string topic, string endpoint, OmaMessage message)
    {
        var requestId = Id(message.Token);
        if (!responses.TryMatch(topic, endpoint, requestId, out var operation))
        {
            return;
        }
        var read = OmaResponses.TryRead(message, out var response, out var invalid);
        responses.Complete(topic, requestId, operation, OmaResponses.SuccessCode(operation, read ? response.Code : null), read ? response : null, "oma_invalid_response", invalid);
    }

    /// <summary>A refused Register or Update: counted, and answered with the binding's result for the fault (412, 409, 400, …).</summary>
    bool Refused(string topic, OmaTopic parsed, ulong token, Lwm2mParseError error)
    {
        if (!error.IsError)
        {
            return false;
        }
        Reject(topic, ReasonNames.Of(error.Reason), error.Detail);
        OmaResponses.TryCodeOf(OmaRegistrationReader.ResultFor(error.Reason), out var code);
        replies.Answer(parsed, token, code);
        return true;
    }

    /// <summary>The content of a Notify or Send: key 19 names a format this server reads, key 7 holds it.</summary>
    ReportContent? TryReadContent(string topic, OmaMessage message)
    {
        if (message.Payload is not { } payload)
        {
            Reject(topic, "missing_content", $"a {message.Operation} carries its content in key 7 and its format in key 19");
            return null;
        }
        if (message.ContentFormat is not { } number || !Lwm2mContentFormatNames.TryFromNumber(number, out var format))
        {
            Reject(topic, "unsupported_format", message.ContentFormat is null
                ? $"a {message.Operation} names its content format in key 19"
                : $"content format {message.ContentFormat} (key 19) is not one this server reads ({Lwm2mContentFormatNames.Names})");
            return null;
        }
        return ReportContent.FromBytes(format, payload);
    }

    /// <summary>
    /// Cancels an observation the server does not know (note §6 #8). Once per token at a time: while one Cancel-Observe
    /// waits, further Notifies of that token are only counted, so a chatty device cannot make the server flood it.
    /// </summary>
    void CancelObservation(OmaTopic topic, ulong token)
    {
        var id = Id(token);
        if (!pending.TryBegin(id, topic.Endpoint, Lwm2mOperation.CancelObserve, out var answer))
        {
            return;
        }
        replies.CancelObservation(topic, token);
        _ = answer.WaitAsync(_cancelWait, time).ContinueWith(_ => pending.Abandon(id), TaskScheduler.Default);
    }

    static string Describe(OmaEnvelopeError error) => error switch
    {
        OmaEnvelopeError.MalformedCbor => "the payload is not well-formed CBOR (or repeats a key, or has text that is not UTF-8)",
        OmaEnvelopeError.NotAMap => "the payload is not a CBOR map with integer keys",
        OmaEnvelopeError.InvalidKey => "a key of the envelope is not an unsigned integer",
        OmaEnvelopeError.InvalidValue => "a key of the envelope holds a value of the wrong type or out of range",
        OmaEnvelopeError.TrailingBytes => "bytes follow the envelope's map",
        OmaEnvelopeError.MissingToken => "the envelope has no token (key 2)",
        OmaEnvelopeError.NeitherRequestNorResponse => "the envelope needs exactly one of an operation (key 1) and a result (key 18)",
        OmaEnvelopeError.UnknownOperation => "the operation code (key 1) is not one of the binding's for this topic",
        _ => "the message is end-to-end protected (COSE), which this server does not decrypt",
    };

    void Reject(string topic, string reason, string detail)
    {
        metrics.InvalidMessages.WithLabels(reason).Inc();
        Log.Rejected(logger, topic, reason, detail);
    }
}
