using System.Buffers;
using System.Globalization;
using System.Text;
using LwM2MSparkplug.Protocols.Lwm2m.Links;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Mqtt;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// The device side of OMA's LwM2M 1.2 MQTT binding (Transport §8): one topic <c>[prefix/]lwm2m/rd/{ep}</c> for both
/// directions, CBOR envelopes with integer keys, correlation by token. The client numbers its own requests' tokens
/// from 1; the server's requests are answered under their tokens (the correlation is the token in decimal), and an
/// observation is known by its Observe request's token, which every Notify and the Cancel-Observe carry.
/// </summary>
/// <remarks>
/// <para>
/// Everyone on the topic receives their own publications (§2.5 of the binding note), so <see cref="Decode"/> reports
/// as <see cref="Lwm2mClientInboundKind.Echo"/> the client's operations (Register, Update, De-register, Notify, Send)
/// and every response whose token the client is not waiting for: its own answers to the server.
/// </para>
/// <para>
/// Register sends the Server object's binding letters as they are (key 10): the binding is the device's to declare and
/// an Update reports a change of it, so a device on this dialect is given binding <c>M</c> (MQTT) in /1/x/7, as the
/// binding note's bootstrap example has it. The binding has no key for queue mode, for values in a Register, for a
/// Create's location or for error text, so none of them is sent.
/// </para>
/// </remarks>
public sealed class OmaClientDialect : ILwm2mClientDialect
{
    public const string DialectName = "oma";
    const string Protocol = "lwm2m";

    /// <summary>Register's key 9: the binding exists only in LwM2M 1.2, whatever version the client's options name.</summary>
    const string Version = "1.2";

    /// <summary>Requests of the client remembered while their responses are due; the oldest are forgotten beyond this.</summary>
    public const int MaxPendingRequests = 64;


    /// <summary>
    /// The Register's root link: the structured formats the client speaks besides the mandatory text, opaque and link
    /// format (Core §6.2.1). It answers in SenML CBOR unless a request's key 4 asks for another.
    /// </summary>
    static readonly Lwm2mLink RootLink = new(Lwm2mPath.Root, new Dictionary<string, string?> { ["ct"] = "112 11544" });

    /// <summary>The formats a request may ask the answer in (key 4): the ones <see cref="Lwm2mContent.Encode"/> writes.</summary>
    static readonly Lwm2mContentFormat[] AnswerFormats =
        [Lwm2mContentFormat.Text, Lwm2mContentFormat.Opaque, Lwm2mContentFormat.SenmlJson, Lwm2mContentFormat.SenmlCbor, Lwm2mContentFormat.Lwm2mCbor];

    static readonly IReadOnlyDictionary<string, string?> NoAttributes = new Dictionary<string, string?>();

    readonly string _endpoint;
    readonly string _topic;
    readonly Dictionary<ulong, PendingRequest> _pending = [];
    readonly Queue<ulong> _pendingOrder = new();
    readonly HashSet<ulong> _cancellations = [];
    ulong _lastToken;

    /// <param name="endpoint">The client's endpoint name, the topic's last level.</param>
    /// <param name="prefix">The deployment's topic prefix (e.g. a tenant), or null or empty for none.</param>
    public OmaClientDialect(string endpoint, string? prefix = null)
    {
        _topic = OmaTopic.Create(prefix, OmaInterface.Registration, endpoint).ToString();
        _endpoint = endpoint;
        Subscriptions = [new(_topic, QualityOfService.AtLeastOnce)];
    }

    public string Name => DialectName;

    public IReadOnlyList<TopicSubscription> Subscriptions { get; }

    public OutboundMessage Register(Lwm2mClientRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return Message(new OmaMessage(Remember(Lwm2mClientInboundKind.RegisterAcknowledgement))
        {
            Operation = OmaOperation.Register,
            Lifetime = Seconds(registration.Lifetime),
            Version = Version,
            Binding = registration.BindingMode,
            Payload = ObjectList(registration.ObjectLinks, registration.ObjectVersions),
        }, "register");
    }

    public OutboundMessage Update(Lwm2mClientUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Message(new OmaMessage(Remember(Lwm2mClientInboundKind.UpdateAcknowledgement))
        {
            Operation = OmaOperation.Update,
            Lifetime = update.Lifetime is { } lifetime ? Seconds(lifetime) : null,
            Binding = update.BindingMode,
            // The whole list, which replaces the one registered (binding note §4.1). A plain null would become empty
            // bytes through the array conversion, and send an empty list.
            Payload = update.ObjectLinks is { } links ? ObjectList(links, update.ObjectVersions) : default(ReadOnlyMemory<byte>?),
        }, "update");
    }

    public OutboundMessage Deregister() =>
        Message(new OmaMessage(Remember(Lwm2mClientInboundKind.DeregisterAcknowledgement)) { Operation = OmaOperation.Deregister }, "deregister");

    public OutboundMessage Respond(string correlation, Lwm2mClientResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var token = Token(correlation);
        var code = response.Code;
        if (_cancellations.Remove(token) && code == Lwm2mResultCode.Changed)
        {
            // Over MQTT a Cancel-Observe succeeds with 2.05 (the binding note's example 5); the core answers 2.04, as
            // the JSON contract has it.
            code = Lwm2mResultCode.Content;
        }
        var message = new OmaMessage(token) { Result = OmaResponses.ResultOf(code) };
        if (response.Links is { } links)
        {
            message = message with { ContentFormat = (ushort)Lwm2mContentFormat.Link, Payload = Encoding.UTF8.GetBytes(CoreLinkFormat.Format(links)) };
        }
        else if (response.Values is { } values)
        {
            var format = response.Format ?? Lwm2mContentFormat.SenmlCbor;
            message = message with { ContentFormat = (ushort)format, Payload = Lwm2mContent.Encode(values, format) };
        }
        return Message(message, "response");
    }

    /// <summary>A Notify (23) under the Observe's token, in SenML CBOR; at QoS 0 when not confirmable, as a CoAP NON.</summary>
    public OutboundMessage Notify(string observationId, IReadOnlyList<Lwm2mResourceValue> values, bool confirmable) =>
        Message(new OmaMessage(Token(observationId))
        {
            Operation = OmaOperation.Notify,
            ContentFormat = (ushort)Lwm2mContentFormat.SenmlCbor,
            Payload = Lwm2mContent.Encode(values, Lwm2mContentFormat.SenmlCbor),
        }, "notify", confirmable ? QualityOfService.AtLeastOnce : QualityOfService.AtMostOnce);

    /// <summary>A Send (24) in SenML CBOR under a new token; its response is reported with <paramref name="sendId"/>.</summary>
    public OutboundMessage Send(IReadOnlyList<Lwm2mResourceValue> values, string sendId) =>
        Message(new OmaMessage(Remember(Lwm2mClientInboundKind.SendAcknowledgement, sendId))
        {
            Operation = OmaOperation.Send,
            ContentFormat = (ushort)Lwm2mContentFormat.SenmlCbor,
            Payload = Lwm2mContent.Encode(values, Lwm2mContentFormat.SenmlCbor),
        }, "send");

    public Lwm2mClientInbound Decode(string topic, ReadOnlySequence<byte> payload, int maxPayloadBytes, Lwm2mDeviceModel model)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(model);
        if (topic != _topic)
        {
            return Lwm2mClientInbound.NotLwm2m;
        }
        var bytes = payload.IsSingleSegment ? payload.First : payload.ToArray();
        if (payload.Length > maxPayloadBytes)
        {
            return Refused(OmaEnvelopeHeader.Read(bytes), Lwm2mResultCode.RequestEntityTooLarge, Lwm2mClientReason.PayloadTooLarge,
                $"the message is {payload.Length} bytes; this client takes at most {maxPayloadBytes}");
        }
        if (!OmaEnvelopeCodec.TryRead(bytes, OmaInterface.Registration, out var message, out var error))
        {
            var header = OmaEnvelopeHeader.Read(bytes);
            return error == OmaEnvelopeError.UnknownOperation
                ? Refused(header, Lwm2mResultCode.NotImplemented, Lwm2mClientReason.UnknownOperation, $"operation {header.OperationCode} is not one this client knows")
                : Refused(header, Lwm2mResultCode.BadRequest, Lwm2mClientReason.MalformedRequest, $"not a message of the binding ({ReasonNames.Of(error)})");
        }
        if (message!.Operation is not { } operation)
        {
            return Acknowledgement(message);
        }
        return OmaOperationCodes.IsSentByClient(operation) ? Lwm2mClientInbound.Echo : ReadRequest(message, operation, model);
    }

    Lwm2mClientInbound Acknowledgement(OmaMessage response)
    {
        if (!_pending.Remove(response.Token, out var request))
        {
            // Not a token of the client's: its own answer to one of the server's requests.
            return Lwm2mClientInbound.Echo;
        }
        OmaResponses.TryCodeOf(response.Result!.Value, out var code);
        return new Lwm2mClientInbound(request.Acknowledgement) { Correlation = request.SendId, Code = code };
    }

    /// <summary>A message the codec refused: answered when it is a request with a token, else dropped.</summary>
    Lwm2mClientInbound Refused(OmaEnvelopeHeader header, Lwm2mResultCode code, Lwm2mClientReason reason, string error)
    {
        if (header.OperationCode is { } operationCode)
        {
            if (OmaOperationCodes.TryFromWire(operationCode, OmaInterface.Registration, out var operation) && OmaOperationCodes.IsSentByClient(operation))
            {
                return Lwm2mClientInbound.Echo;
            }
            if (header.Token is { } token)
            {
                return Refusal(token, code, reason, error);
            }
        }
        else if (header.HasResult && header.Token is { } token && !_pending.ContainsKey(token))
        {
            return Lwm2mClientInbound.Echo;
        }
        return new Lwm2mClientInbound(Lwm2mClientInboundKind.Invalid)
        {
            Error = error,
            Reason = reason == Lwm2mClientReason.MalformedRequest && header.HasResult ? Lwm2mClientReason.MalformedAcknowledgement : reason,
        };
    }

    Lwm2mClientInbound ReadRequest(OmaMessage message, OmaOperation operation, Lwm2mDeviceModel model)
    {
        var token = message.Token;
        Lwm2mClientInbound Refuse(string error, Lwm2mClientReason reason = Lwm2mClientReason.MalformedRequest) =>
            Refusal(token, reason == Lwm2mClientReason.UnsupportedContentFormat ? Lwm2mResultCode.UnsupportedContentFormat : Lwm2mResultCode.BadRequest, reason, error);

        if (OmaOperations.ToLwm2m(operation) is not { } lwm2mOperation)
        {
            return Refusal(token, Lwm2mResultCode.NotImplemented, Lwm2mClientReason.UnknownOperation, $"{operation} is not one this client answers");
        }
        if (message.Endpoint is { } endpoint && endpoint != _endpoint)
        {
            return Refuse($"key 3 (ep) '{endpoint}' is not this client's endpoint '{_endpoint}'");
        }
        var correlation = token.ToString(CultureInfo.InvariantCulture);
        var request = new Lwm2mClientRequest(lwm2mOperation);
        if (message.Uri is { } uri)
        {
            if (!Lwm2mPath.TryParse(uri, out var path))
            {
                return Refuse($"key 5 (uri) '{uri}' is not an LwM2M path such as /3/0/9");
            }
            request = request with { Path = path };
        }
        else if (lwm2mOperation is not (Lwm2mOperation.ReadComposite or Lwm2mOperation.ObserveComposite or Lwm2mOperation.WriteComposite or Lwm2mOperation.CancelObserve))
        {
            return Refuse($"{operation} needs key 5 (uri)");
        }
        if (message.PreferredContentFormat is { } preferred)
        {
            if (!Lwm2mContentFormatNames.TryFromNumber(preferred, out var accept) || !AnswerFormats.Contains(accept))
            {
                return Refuse($"key 4 (pct) {preferred} is not a format this client writes; ask for 0, 42, 110, 112 or 11544", Lwm2mClientReason.UnsupportedContentFormat);
            }
            request = request with { Accept = accept };
        }
        switch (lwm2mOperation)
        {
            case Lwm2mOperation.ReadComposite or Lwm2mOperation.ObserveComposite:
                if (message.Paths is not { } pack)
                {
                    return Refuse($"{operation} needs key 6 (paths)");
                }
                if (!Lwm2mFetchPack.TryRead(pack, out var paths, out var packError))
                {
                    return Refuse("key 6 (paths): " + packError);
                }
                if (paths.Count == 0)
                {
                    return Refuse("key 6 (paths) names no path");
                }
                request = request with { Paths = paths, ObservationId = lwm2mOperation == Lwm2mOperation.ObserveComposite ? correlation : null };
                break;
            case Lwm2mOperation.Write or Lwm2mOperation.WriteComposite or Lwm2mOperation.Create:
                if (message.Payload is not { } content || message.ContentFormat is not { } number)
                {
                    return Refuse($"{operation} needs key 19 (ct) and key 7 (payload)");
                }
                var composite = lwm2mOperation == Lwm2mOperation.WriteComposite;
                if (!Lwm2mContentFormatNames.TryFromNumber(number, out var format) || format == Lwm2mContentFormat.Link
                    || (composite && format is not (Lwm2mContentFormat.SenmlCbor or Lwm2mContentFormat.Lwm2mCbor or Lwm2mContentFormat.SenmlJson)))
                {
                    return Refuse($"key 19 (ct) {number} is not a format this client reads for {operation}", Lwm2mClientReason.UnsupportedContentFormat);
                }
                // Create content names the new instance's resources, Write-Composite's records their full paths: both
                // are read without a target path.
                var target = lwm2mOperation == Lwm2mOperation.Write ? request.Path : null;
                if (!Lwm2mContent.TryDecode(target, format, content, model, out var values, out var contentError))
                {
                    return Refuse(contentError);
                }
                request = request with { Values = values };
                break;
            case Lwm2mOperation.WriteAttributes:
                request = request with { Attributes = message.Attributes?.ToChanges() ?? [] };
                break;
            case Lwm2mOperation.Execute when message.Payload is { } arguments:
                try
                {
                    request = request with { Arguments = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(arguments.Span) };
                }
                catch (DecoderFallbackException)
                {
                    return Refuse("key 7 (payload) of an Execute is argument text, and this is not UTF-8");
                }
                break;
            case Lwm2mOperation.Discover:
                request = request with { Depth = message.Depth };
                break;
            case Lwm2mOperation.Observe or Lwm2mOperation.CancelObserve:
                if (lwm2mOperation == Lwm2mOperation.CancelObserve)
                {
                    _cancellations.Add(token);
                }
                request = request with { ObservationId = correlation };
                break;
        }
        return new Lwm2mClientInbound(Lwm2mClientInboundKind.Request) { Correlation = correlation, Request = request };
    }

    static Lwm2mClientInbound Refusal(ulong token, Lwm2mResultCode code, Lwm2mClientReason reason, string error) =>
        new(Lwm2mClientInboundKind.InvalidRequest) { Correlation = token.ToString(CultureInfo.InvariantCulture), Code = code, Reason = reason, Error = error };

    /// <summary>
    /// The Register and Update payload: the root link, then every object instance (or object without instances); an
    /// object of another version than 1.0 gets its own link with <c>ver</c> (Core §6.2.1), as Discover has it.
    /// </summary>
    static ReadOnlyMemory<byte> ObjectList(IReadOnlyList<Lwm2mPath> objectLinks, IReadOnlyDictionary<ushort, string> versions)
    {
        var links = new List<Lwm2mLink> { RootLink };
        foreach (var group in objectLinks.GroupBy(path => path.ObjectId!.Value))
        {
            var versioned = versions.TryGetValue(group.Key, out var version) && version != "1.0";
            if (versioned)
            {
                links.Add(new Lwm2mLink(Lwm2mPath.Create(group.Key), new Dictionary<string, string?> { ["ver"] = version }));
            }
            // An object without instances is listed as such; with a version it already is.
            links.AddRange(group.Where(path => !(versioned && path.IsObject)).Select(path => new Lwm2mLink(path, NoAttributes)));
        }
        return Encoding.UTF8.GetBytes(CoreLinkFormat.Format(links));
    }

    ulong Remember(Lwm2mClientInboundKind acknowledgement, string? sendId = null)
    {
        var token = ++_lastToken;
        _pending[token] = new PendingRequest(acknowledgement, sendId);
        _pendingOrder.Enqueue(token);
        while (_pendingOrder.Count > MaxPendingRequests)
        {
            _pending.Remove(_pendingOrder.Dequeue());
        }
        return token;
    }

    static ulong Token(string correlation) => ulong.Parse(correlation, NumberStyles.None, CultureInfo.InvariantCulture);

    static uint Seconds(TimeSpan lifetime) => (uint)Math.Clamp(lifetime.TotalSeconds, 0, uint.MaxValue);

    OutboundMessage Message(OmaMessage message, string messageType, QualityOfService qualityOfService = QualityOfService.AtLeastOnce) =>
        new(_topic, OmaEnvelopeCodec.Write(message), qualityOfService, Retain: false, Protocol, messageType);

    /// <summary>What the client sent under a token: the acknowledgement its response is, and a Send's id.</summary>
    readonly record struct PendingRequest(Lwm2mClientInboundKind Acknowledgement, string? SendId);
}
