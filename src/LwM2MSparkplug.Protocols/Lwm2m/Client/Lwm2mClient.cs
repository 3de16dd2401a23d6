using System.Buffers;
using System.Globalization;
using LwM2MSparkplug.Protocols.Lwm2m.Links;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Mqtt;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// An LwM2M 1.2 client for one server, shaped like Leshan's client core: the registration lifecycle (Register,
/// retry with backoff, Update before the lifetime ends, re-Register when the server lost the registration,
/// De-register), requests answered against an <see cref="Lwm2mObjectTree"/>, observations with their attributes and
/// timing, and periodic Send. The wire is an <see cref="ILwm2mClientDialect"/>.
/// </summary>
/// <remarks>
/// Pure: no clock, no timers, no I/O. The transport calls <see cref="Connected"/> once subscribed,
/// <see cref="Receive"/> for every message, <see cref="Run"/> when <see cref="NextDueAt"/> has come, and
/// <see cref="Deregister"/> before it closes the connection on purpose; what to publish goes into the
/// <see cref="Outbox"/>, in order. Not thread-safe: the caller serialises access.
/// </remarks>
public sealed class Lwm2mClient
{
    readonly Lwm2mClientOptions _options;
    readonly ILwm2mClientDialect _dialect;
    readonly ServerObjectEnabler _server;
    readonly Lwm2mClientObservations _observations;
    readonly Queue<string> _sendOrder = new();
    readonly HashSet<string> _sendsOutstanding = new(StringComparer.Ordinal);
    DateTimeOffset _registerSentAt;
    DateTimeOffset _registeredAt;
    DateTimeOffset _updateSentAt;
    int _updatesOutstanding;
    TimeSpan _retryDelay;
    DateTimeOffset? _nextSendAt;
    long _sendSequence;
    bool _deregistrationOutstanding;

    /// <param name="options">Endpoint and pacing; validated here.</param>
    /// <param name="dialect">The wire dialect, for this endpoint.</param>
    /// <param name="server">The Server object: lifetime, binding and the other settings the client acts on.</param>
    /// <param name="objects">The application's objects (Device, Connectivity Monitoring, …).</param>
    public Lwm2mClient(Lwm2mClientOptions options, ILwm2mClientDialect dialect, ServerObjectEnabler server, IEnumerable<ILwm2mObjectEnabler> objects)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(objects);
        options.Validate();
        _options = options;
        _dialect = dialect;
        _server = server;
        Objects = new Lwm2mObjectTree([server, .. objects]);
        _observations = new Lwm2mClientObservations(options.ObservationCheckInterval);
        _retryDelay = options.RegistrationRetryInterval;
    }

    public string Endpoint => _options.Endpoint;
    public Lwm2mRegistrationState State { get; private set; }

    /// <summary>The id the server gave the current registration, if the dialect carries one.</summary>
    public string? RegistrationId { get; private set; }

    public Lwm2mObjectTree Objects { get; }
    public ServerObjectEnabler Server => _server;
    public int ObservationCount => _observations.Count;
    public IReadOnlyList<TopicSubscription> Subscriptions => _dialect.Subscriptions;

    /// <summary>True while the server holds a registration it acknowledged.</summary>
    public bool IsRegistered => State is Lwm2mRegistrationState.Registered or Lwm2mRegistrationState.Updating;

    /// <summary>When <see cref="Run"/> next has something to do; null when nothing is pending.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            DateTimeOffset? next = State switch
            {
                Lwm2mRegistrationState.Registering => _registerSentAt + _retryDelay,
                Lwm2mRegistrationState.Registered => UpdateDueAt,
                Lwm2mRegistrationState.Updating => _updateSentAt + _options.RegistrationRetryInterval,
                _ => null,
            };
            if (IsRegistered)
            {
                next = Earliest(next, _observations.NextDueAt);
                next = Earliest(next, _nextSendAt);
            }
            return next;
        }
    }

    DateTimeOffset UpdateDueAt => _registeredAt + (TimeSpan.FromSeconds(_server.Lifetime) * _options.UpdateAtLifetimeFraction);

    /// <summary>Subscribed to the server's topics: registers (a new registration replaces any the server still holds).</summary>
    public void Connected(DateTimeOffset now, Outbox outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        _retryDelay = _options.RegistrationRetryInterval;
        Register(now, outbox);
    }

    /// <summary>The connection is gone; on the next <see cref="Connected"/> the client registers again.</summary>
    public void ConnectionLost()
    {
        if (State != Lwm2mRegistrationState.Deregistered)
        {
            State = Lwm2mRegistrationState.Disconnected;
        }
        _nextSendAt = null;
    }

    /// <summary>Ends the registration on purpose, before the connection closes (Core §6.2.3).</summary>
    public void Deregister(DateTimeOffset now, Outbox outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (State is Lwm2mRegistrationState.Registering or Lwm2mRegistrationState.Registered or Lwm2mRegistrationState.Updating)
        {
            outbox.Publish(_dialect.Deregister());
            _deregistrationOutstanding = true;
        }
        State = Lwm2mRegistrationState.Deregistered;
        _sendOrder.Clear();
        _sendsOutstanding.Clear();
        _observations.Clear();
        _nextSendAt = null;
    }

    /// <summary>Retries, Updates, notifications and Sends that are due at <paramref name="now"/>.</summary>
    public void Run(DateTimeOffset now, Outbox outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (NextDueAt is not { } due || now < due)
        {
            return;
        }
        switch (State)
        {
            case Lwm2mRegistrationState.Registering when now >= _registerSentAt + _retryDelay:
                // Unanswered or refused: again, each time after a longer wait, so a struggling server is not flooded.
                _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, _options.RegistrationRetryMaxInterval.Ticks));
                Register(now, outbox);
                return;
            case Lwm2mRegistrationState.Registered when now >= UpdateDueAt:
                SendUpdate(Lwm2mClientUpdate.Refresh, now, outbox);
                break;
            case Lwm2mRegistrationState.Updating when now >= _updateSentAt + _options.RegistrationRetryInterval:
                // The Update went unanswered: the registration may be gone; register again.
                Register(now, outbox);
                return;
        }
        if (!IsRegistered)
        {
            return;
        }
        foreach (var notification in _observations.Due(now, Objects, _server.DefaultMinimumPeriod, _server.DefaultMaximumPeriod))
        {
            outbox.Publish(_dialect.Notify(notification.ObservationId, notification.Values, notification.Confirmable));
        }
        if (_nextSendAt is { } sendAt && now >= sendAt)
        {
            var interval = _options.SendInterval!.Value;
            _nextSendAt = sendAt + interval > now ? sendAt + interval : now + interval;
            if (!_server.MuteSend)
            {
                Send(now, outbox);
            }
        }
    }

    /// <summary>Handles a message on one of <see cref="Subscriptions"/>.</summary>
    public Lwm2mClientReceipt Receive(string topic, ReadOnlySequence<byte> payload, DateTimeOffset now, Outbox outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var inbound = _dialect.Decode(topic, payload, _options.MaxMessageBytes, Objects.Model);
        switch (inbound.Kind)
        {
            case Lwm2mClientInboundKind.NotLwm2m:
                return Lwm2mClientReceipt.NotLwm2m;
            case Lwm2mClientInboundKind.Invalid:
                return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Invalid, Reason: inbound.Reason);
            case Lwm2mClientInboundKind.Echo:
                return Lwm2mClientReceipt.Echo;
            case Lwm2mClientInboundKind.InvalidRequest:
                var refusal = inbound.Code ?? Lwm2mResultCode.BadRequest;
                outbox.Publish(_dialect.Respond(inbound.Correlation!, Lwm2mClientResponse.Failure(refusal, inbound.Error ?? "malformed request")));
                return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Invalid, Code: refusal, Reason: inbound.Reason);
            case Lwm2mClientInboundKind.Request:
                return HandleRequest(inbound.Correlation!, inbound.Request!, now, outbox);
            case Lwm2mClientInboundKind.RegisterAcknowledgement:
                return OnRegisterAcknowledged(inbound, now);
            case Lwm2mClientInboundKind.DeregisterAcknowledgement:
                return OnDeregisterAcknowledged(inbound);
            case Lwm2mClientInboundKind.SendAcknowledgement:
                return OnSendAcknowledged(inbound);
            default:
                return OnUpdateAcknowledged(inbound, now, outbox);
        }
    }

    /// <summary>Sends still waiting for their acknowledgement; the oldest are forgotten past <see cref="MaxSendsOutstanding"/>.</summary>
    public int SendsOutstanding => _sendsOutstanding.Count;

    /// <summary>Sends remembered while waiting for their acknowledgements; a server that never answers costs no more.</summary>
    public const int MaxSendsOutstanding = 32;

    Lwm2mClientReceipt OnDeregisterAcknowledged(Lwm2mClientInbound ack)
    {
        if (!_deregistrationOutstanding)
        {
            return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Ignored, Code: ack.Code, Reason: Lwm2mClientReason.UnexpectedAcknowledgement);
        }
        if (ack.Code is { IsSuccess: true } && ack.Code != Lwm2mResultCode.Deleted)
        {
            return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Ignored, Code: ack.Code, Reason: Lwm2mClientReason.UnexpectedResultCode);
        }
        // Deregistered either way: a refusal (4.04, the server had already forgotten it) changes nothing here.
        _deregistrationOutstanding = false;
        return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Acknowledgement, Code: ack.Code);
    }

    Lwm2mClientReceipt OnSendAcknowledged(Lwm2mClientInbound ack)
    {
        if (ack.Correlation is not { } sendId || !_sendsOutstanding.Contains(sendId))
        {
            return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Ignored, Code: ack.Code, Reason: Lwm2mClientReason.UnexpectedAcknowledgement);
        }
        if (ack.Code is { IsSuccess: true } && ack.Code != Lwm2mResultCode.Changed)
        {
            // A Send is answered 2.04 or refused (Core §6.4.6).
            return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Ignored, Code: ack.Code, Reason: Lwm2mClientReason.UnexpectedResultCode);
        }
        _sendsOutstanding.Remove(sendId);
        return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Acknowledgement, Code: ack.Code);
    }

    Lwm2mClientReceipt OnRegisterAcknowledged(Lwm2mClientInbound ack, DateTimeOffset now)
    {
        if (State != Lwm2mRegistrationState.Registering)
        {
            return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Ignored, Code: ack.Code, Reason: Lwm2mClientReason.UnexpectedAcknowledgement);
        }
        if (ack.Code is { IsSuccess: true } && ack.Code != Lwm2mResultCode.Created)
        {
            // A Register is answered 2.01 or refused; any other success answers something else.
            return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Ignored, Code: ack.Code, Reason: Lwm2mClientReason.UnexpectedResultCode);
        }
        if (ack.Code == Lwm2mResultCode.Created)
        {
            State = Lwm2mRegistrationState.Registered;
            RegistrationId = ack.RegistrationId;
            // The lifetime runs from when the server got the Register, which is no later than when it was sent.
            _registeredAt = _registerSentAt;
            _retryDelay = _options.RegistrationRetryInterval;
            _nextSendAt ??= _options.SendInterval is { } interval ? now + interval : null;
        }
        // Refused: stay Registering; Run retries after the backoff delay.
        return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Acknowledgement, Code: ack.Code);
    }

    Lwm2mClientReceipt OnUpdateAcknowledged(Lwm2mClientInbound ack, DateTimeOffset now, Outbox outbox)
    {
        if (State != Lwm2mRegistrationState.Updating)
        {
            return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Ignored, Code: ack.Code, Reason: Lwm2mClientReason.UnexpectedAcknowledgement);
        }
        if (ack.Code is { IsSuccess: true } && ack.Code != Lwm2mResultCode.Changed)
        {
            // An Update is answered 2.04 or refused (Core §6.2.2).
            return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Ignored, Code: ack.Code, Reason: Lwm2mClientReason.UnexpectedResultCode);
        }
        if (ack.Code is { IsSuccess: true })
        {
            // Updates are answered in order; the registration is current once the last one is.
            if (--_updatesOutstanding == 0)
            {
                State = Lwm2mRegistrationState.Registered;
                _registeredAt = _updateSentAt;
            }
        }
        else
        {
            // 4.04: the server no longer knows the registration (Core §6.2.2); any refusal: start over.
            Register(now, outbox);
        }
        return new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Acknowledgement, Code: ack.Code);
    }

    Lwm2mClientReceipt HandleRequest(string correlation, Lwm2mClientRequest request, DateTimeOffset now, Outbox outbox)
    {
        var lifetimeBefore = _server.Lifetime;
        var bindingBefore = _server.Binding;
        var objectsBefore = Objects.ObjectLinks;
        var response = Handle(request, now, out var effect);
        outbox.Publish(_dialect.Respond(correlation, response));
        var receipt = new Lwm2mClientReceipt(Lwm2mClientReceiptKind.Request, request.Operation, response.Code);
        switch (effect)
        {
            case Lwm2mExecuteEffect.Reboot:
                // The answer goes out first; then the device restarts and registers anew.
                _observations.Clear();
                outbox.RequestRestart(RestartReason.Reboot);
                return receipt;
            case Lwm2mExecuteEffect.FactoryReset:
                // Back to the initial settings: a new registration tells the server, and ends its observations
                // on both sides.
                Objects.Reset();
                if (State != Lwm2mRegistrationState.Disconnected)
                {
                    Register(now, outbox);
                }
                return receipt;
        }
        // Changed lifetime, binding or object instances are reported with an Update (Core §6.2.2).
        var lifetimeChanged = _server.Lifetime != lifetimeBefore;
        var bindingChanged = _server.Binding != bindingBefore;
        var objectsAfter = Objects.ObjectLinks;
        var objectsChanged = !objectsAfter.SequenceEqual(objectsBefore);
        var changed = lifetimeChanged || bindingChanged || objectsChanged;
        if (IsRegistered && (changed || effect == Lwm2mExecuteEffect.RegistrationUpdate))
        {
            var update = new Lwm2mClientUpdate(
                lifetimeChanged ? TimeSpan.FromSeconds(_server.Lifetime) : null,
                bindingChanged ? _server.Binding : null,
                objectsChanged ? objectsAfter : null)
            {
                ObjectVersions = Objects.ObjectVersions,
            };
            SendUpdate(update, now, outbox);
        }
        else if (State == Lwm2mRegistrationState.Registering && changed)
        {
            // The Register still out announces the old values; a newer one replaces it.
            Register(now, outbox);
        }
        return receipt;
    }

    Lwm2mClientResponse Handle(Lwm2mClientRequest request, DateTimeOffset now, out Lwm2mExecuteEffect effect)
    {
        effect = Lwm2mExecuteEffect.None;
        var path = request.Path ?? Lwm2mPath.Root;
        if (request.Path is not null && Objects.Model.Validate(path) is { } invalid)
        {
            return Lwm2mClientResponse.Failure(Lwm2mResultCode.NotFound, $"{path}: {invalid}");
        }
        switch (request.Operation)
        {
            case Lwm2mOperation.Read:
                return Read(path, request.Accept, now);
            case Lwm2mOperation.ReadComposite:
                var all = new List<Lwm2mResourceValue>();
                foreach (var item in request.Paths)
                {
                    if (Objects.Read(item, now) is not { } values)
                    {
                        return Lwm2mClientResponse.Failure(Lwm2mResultCode.NotFound, $"{item} does not exist");
                    }
                    all.AddRange(values);
                }
                return Lwm2mClientResponse.Content(all);
            case Lwm2mOperation.Discover:
                return Discover(path, request.Depth, now);
            case Lwm2mOperation.Write:
                return Result(Objects.Write(path, request.Values, now, out var writeError), writeError);
            case Lwm2mOperation.WriteComposite:
                return Result(Objects.WriteComposite(request.Values, now, out var compositeError), compositeError);
            case Lwm2mOperation.WriteAttributes:
                if (!Objects.Exists(path, now))
                {
                    return Lwm2mClientResponse.Failure(Lwm2mResultCode.NotFound, $"{path} does not exist");
                }
                if (!NotificationAttributes.TryApply(Objects.AttributesAt(path), request.Attributes, out var attributes, out var attributeError))
                {
                    return Lwm2mClientResponse.Failure(Lwm2mResultCode.BadRequest, attributeError);
                }
                Objects.SetAttributes(path, attributes);
                return new Lwm2mClientResponse(Lwm2mResultCode.Changed);
            case Lwm2mOperation.Execute:
                return Result(Objects.Execute(path, request.Arguments, now, out effect, out var executeError), executeError);
            case Lwm2mOperation.Create:
                var createCode = Objects.Create(path, request.Values, out var created, out var createError);
                return createCode.IsSuccess ? new Lwm2mClientResponse(createCode) { Location = created } : Lwm2mClientResponse.Failure(createCode, createError);
            case Lwm2mOperation.Delete:
                return Result(Objects.Delete(path, now, out var deleteError), deleteError);
            case Lwm2mOperation.Observe:
                // Answered as a Read in the format asked for; the notifications that follow are SenML.
                var observed = Read(path, request.Accept, now);
                if (observed.Code == Lwm2mResultCode.Content)
                {
                    _observations.Add(request.ObservationId!, [new Lwm2mObservedPath(path, observed.Values!, EffectiveAttributes(path))], now);
                }
                return observed;
            case Lwm2mOperation.ObserveComposite:
                var observedPaths = new List<Lwm2mObservedPath>();
                foreach (var item in request.Paths)
                {
                    if (Objects.Read(item, now) is not { } current)
                    {
                        return Lwm2mClientResponse.Failure(Lwm2mResultCode.NotFound, $"{item} does not exist");
                    }
                    observedPaths.Add(new Lwm2mObservedPath(item, current, EffectiveAttributes(item)));
                }
                _observations.Add(request.ObservationId!, observedPaths, now);
                return Lwm2mClientResponse.Content([.. observedPaths.SelectMany(p => p.Current)]);
            case Lwm2mOperation.CancelObserve:
                return _observations.Remove(request.ObservationId!)
                    ? new Lwm2mClientResponse(Lwm2mResultCode.Changed)
                    : Lwm2mClientResponse.Failure(Lwm2mResultCode.NotFound, $"no observation '{request.ObservationId}'");
            default:
                return Lwm2mClientResponse.Failure(Lwm2mResultCode.MethodNotAllowed, $"{request.Operation.ToWire()} is not supported");
        }
    }

    Lwm2mClientResponse Read(Lwm2mPath path, Lwm2mContentFormat? accept, DateTimeOffset now)
    {
        if (path.Depth >= 3 && Objects.Model.TryGetResource(path, out var definition) && !definition.IsReadable)
        {
            return Lwm2mClientResponse.Failure(Lwm2mResultCode.MethodNotAllowed, $"{path} ({definition.Name}) is not readable");
        }
        if (Objects.Read(path, now) is not { } values)
        {
            return Lwm2mClientResponse.Failure(Lwm2mResultCode.NotFound, $"{path} does not exist");
        }
        // Plain text, opaque and plain CBOR carry one resource value (Core §7.3.1, §7.3.2, §7.4.2); links are not a Read format.
        var single = values is [var one] && one.Path == path;
        if (accept is Lwm2mContentFormat.Link || (accept is Lwm2mContentFormat.Text or Lwm2mContentFormat.Opaque or Lwm2mContentFormat.Cbor && !single)
            || (accept is Lwm2mContentFormat.Opaque && values[0].Type != Lwm2mResourceType.Opaque))
        {
            return Lwm2mClientResponse.Failure(Lwm2mResultCode.NotAcceptable, $"{path} cannot be read as {accept!.Value.ToWire()}");
        }
        return Lwm2mClientResponse.Content(values, accept);
    }

    /// <summary>
    /// Discover (LwM2M 1.2 Core §5.4.2): the path and its descendants down to <paramref name="depth"/> levels, each with
    /// its attached attributes, <c>ver</c> on an object of another version than 1.0 and <c>dim</c> on a multiple
    /// resource. Without a depth: an object lists its instances and their resources (2), an instance its resources
    /// (1), a resource its instances (1).
    /// </summary>
    Lwm2mClientResponse Discover(Lwm2mPath path, int? depth, DateTimeOffset now)
    {
        if (path.IsRoot || path.IsResourceInstance || !Objects.Exists(path, now))
        {
            return Lwm2mClientResponse.Failure(Lwm2mResultCode.NotFound, $"{path} does not exist");
        }
        var links = new List<Lwm2mLink>();
        AddDiscovered(path, depth ?? (path.IsObject ? 2 : 1), links, now);
        return new Lwm2mClientResponse(Lwm2mResultCode.Content) { Links = links };
    }

    void AddDiscovered(Lwm2mPath path, int depth, List<Lwm2mLink> links, DateTimeOffset now)
    {
        var resourceInstances = path.IsResource ? Objects.Read(path, now)?.Where(value => value.Path.IsResourceInstance).Select(value => value.Path).ToList() : null;
        links.Add(Link(path, resourceInstances?.Count));
        if (depth == 0)
        {
            return;
        }
        IEnumerable<Lwm2mPath> children = [];
        if (path.IsObject)
        {
            children = Objects.ObjectLinks.Where(link => link.IsObjectInstance && path.Contains(link)).Order();
        }
        else if (path.IsObjectInstance && Objects.Model.TryGetObject(path.ObjectId!.Value, out var definition))
        {
            children = definition.Resources.Keys.Order().Select(path.Append).Where(resource => Objects.Exists(resource, now));
        }
        else if (resourceInstances is not null)
        {
            children = resourceInstances;
        }
        foreach (var child in children)
        {
            AddDiscovered(child, depth - 1, links, now);
        }
    }

    Lwm2mLink Link(Lwm2mPath path, int? dimension)
    {
        var attributes = new Dictionary<string, string?>();
        if (path.IsObject && Objects.Model.TryGetObject(path.ObjectId!.Value, out var definition) && definition.Version != "1.0")
        {
            attributes["ver"] = definition.Version;
        }
        if (dimension is { } dim && path.IsResource && Objects.Model.TryGetResource(path, out var resource) && resource.Multiple)
        {
            attributes["dim"] = dim.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (name, value) in Objects.AttributesAt(path).Values)
        {
            if (value is { } v)
            {
                attributes[name] = v.ToString(CultureInfo.InvariantCulture);
            }
        }
        return new Lwm2mLink(path, attributes);
    }

    void Register(DateTimeOffset now, Outbox outbox)
    {
        var values = new List<Lwm2mResourceValue>();
        foreach (var path in _options.RegisterValuePaths)
        {
            values.AddRange(Objects.Read(path, now) ?? []);
        }
        var registration = new Lwm2mClientRegistration(Endpoint, TimeSpan.FromSeconds(_server.Lifetime), _options.Version, _server.Binding, Objects.ObjectLinks, values)
        {
            ObjectVersions = Objects.ObjectVersions,
            QueueMode = _options.QueueMode,
        };
        outbox.Publish(_dialect.Register(registration));
        // A new registration replaces the old one and its observations, here as on the server.
        _observations.Clear();
        State = Lwm2mRegistrationState.Registering;
        RegistrationId = null;
        _updatesOutstanding = 0;
        _registerSentAt = now;
    }

    void SendUpdate(Lwm2mClientUpdate update, DateTimeOffset now, Outbox outbox)
    {
        outbox.Publish(_dialect.Update(update));
        State = Lwm2mRegistrationState.Updating;
        _updatesOutstanding++;
        _updateSentAt = now;
    }

    void Send(DateTimeOffset now, Outbox outbox)
    {
        var values = new List<Lwm2mResourceValue>();
        foreach (var path in _options.SendPaths)
        {
            values.AddRange(Objects.Read(path, now) ?? []);
        }
        if (values.Count > 0)
        {
            var sendId = "s" + (++_sendSequence).ToString(CultureInfo.InvariantCulture);
            if (_sendOrder.Count == MaxSendsOutstanding && _sendOrder.Dequeue() is var oldest)
            {
                _sendsOutstanding.Remove(oldest);
            }
            _sendOrder.Enqueue(sendId);
            _sendsOutstanding.Add(sendId);
            outbox.Publish(_dialect.Send(values, sendId));
        }
    }

    NotificationAttributes EffectiveAttributes(Lwm2mPath path) =>
        Objects.EffectiveAttributes(path, _server.DefaultMinimumPeriod, _server.DefaultMaximumPeriod);

    static Lwm2mClientResponse Result(Lwm2mResultCode code, string error) =>
        code.IsSuccess ? new Lwm2mClientResponse(code) : Lwm2mClientResponse.Failure(code, error);

    static DateTimeOffset? Earliest(DateTimeOffset? left, DateTimeOffset? right) =>
        left is null ? right : right is null ? left : left < right ? left : right;
}
