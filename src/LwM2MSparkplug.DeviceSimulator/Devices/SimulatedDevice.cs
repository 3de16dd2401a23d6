using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.DeviceSimulator.Scheduling;
using LwM2MSparkplug.DeviceSimulator.Sensors;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Edge;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>
/// One simulated device: one MQTT connection (client id = device id) that carries an LwM2M client and a Sparkplug
/// edge node. This is only the transport shell: the protocol rules are in the two cores, <see cref="Lwm2mClient"/> and
/// <see cref="EdgeNode"/>; the shell feeds them connection events, received messages and due times, and publishes
/// what they ask for, in order.
/// </summary>
/// <remarks>
/// Every call into the cores is short and made under the device's lock. Publishing goes through the device's send
/// queue, drained by one task at a time, so messages leave in the order the cores made them and MQTTnet's receive
/// callback never waits for a PUBACK. Timers are the process's shared <see cref="DeviceScheduler"/>. When the send
/// queue holds <see cref="SimulatorOptions.SendQueueLimit"/> messages the device makes nothing new on its own until it
/// drains; answers to what the server sends are always queued (the server is trusted to wait for them).
/// </remarks>
public sealed class SimulatedDevice : IAsyncDisposable
{
    // After a core failed (a bug), the device tries again this much later rather than at once.
    static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    readonly Lock _gate = new();
    readonly Outbox _outbox = new();
    readonly Queue<QueuedItem> _sendQueue = new();
    readonly SensorModel _sensor;
    readonly EdgeNode _edge;
    readonly Lwm2mClient _lwm2m;
    readonly MqttConnection _connection;
    readonly ScheduledWork _work;
    readonly BdSeqStore _bdSeqs;
    readonly SimulatorMetrics _metrics;
    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly int _sendQueueLimit;
    readonly CancellationTokenSource _aborting = new();
    readonly Lazy<X509Certificate2>? _clientCertificate;
    Task _drain = Task.CompletedTask;
    bool _draining;
    bool _waitingForDrain;
    bool _restarting;
    bool _stopped;
    int _session;
    int _disposed;
    long _published;

    public SimulatedDevice(string deviceId, SimulatorOptions options, MqttConnectionOptions mqtt, BdSeqStore bdSeqs, DeviceScheduler scheduler,
        ConnectLimiter connectLimiter, SimulatorMetrics metrics, TimeProvider time, ILogger logger, Lazy<X509Certificate2>? clientCertificate = null,
        string lwm2mDialect = JsonContractDialect.DialectName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(bdSeqs);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(connectLimiter);
        DeviceId = deviceId;
        _bdSeqs = bdSeqs;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _sendQueueLimit = options.SendQueueLimit;
        _clientCertificate = clientCertificate;
        _sensor = new SensorModel(new Random(deviceId.GetHashCode(StringComparison.Ordinal)), time.GetUtcNow(), options.BatteryDrainPercentPerHour);
        var servers = mqtt.ServerList();
        _edge = SensorEdgeNodeMetrics.CreateEdgeNode(deviceId, _sensor, options, bdSeqs.Load(deviceId), servers.Count);
        _lwm2m = SensorLwm2mObjects.CreateClient(deviceId, _sensor, options, lwm2mDialect);
        _work = scheduler.Add(RunDue);
        // One server at a time, walking MQTT_SERVERS in order (Sparkplug 3.0 edge node behaviour).
        _connection = new MqttConnection(servers, new MqttSessionDefinition
        {
            ClientId = deviceId,
            ClientCertificate = clientCertificate is null ? null : () => clientCertificate.Value,
            CleanSession = true,
            Will = CreateWill,
            // The edge node publishes its NDEATH before it disconnects, and the broker also delivers the Will.
            DisconnectWithWill = true,
            BeforeConnect = connectLimiter.WaitAsync,
            Subscriptions = [.. _edge.Subscriptions.Concat(_lwm2m.Subscriptions).Select(s => MqttSessionDefinition.Subscription(s.Filter, (MqttQualityOfServiceLevel)s.QualityOfService))],
            OnConnected = OnConnectedAsync,
            OnMessage = OnMessageAsync,
            OnDisconnected = OnDisconnectedAsync,
        }, logger);
    }

    public string DeviceId { get; }
    public bool IsConnected => _connection.IsConnected;
    public int ConnectionCount => _connection.ConnectionCount;

    /// <summary>The MQTT server the device is on (or tries next), as <c>mqtt[s]://host:port</c>.</summary>
    public string Server => _connection.Broker;
    public long MessagesPublished => Interlocked.Read(ref _published);

    public bool IsBorn
    {
        get
        {
            lock (_gate)
            {
                return _edge.State == EdgeNodeState.Born;
            }
        }
    }

    public bool IsRegistered
    {
        get
        {
            lock (_gate)
            {
                return _lwm2m.IsRegistered;
            }
        }
    }

    /// <summary>The bdSeq of the current MQTT session; null before the first CONNECT.</summary>
    public byte? BdSeq
    {
        get
        {
            lock (_gate)
            {
                return _edge.BdSeq;
            }
        }
    }

    /// <summary>Data intervals the device skipped because it ran late (busy process, or a full send queue).</summary>
    public long MissedDataIntervals
    {
        get
        {
            lock (_gate)
            {
                return _edge.MissedDataIntervals;
            }
        }
    }

    /// <summary>Data intervals that were due: checked, or skipped because the device ran late.</summary>
    public long DueDataIntervals
    {
        get
        {
            lock (_gate)
            {
                return _edge.CheckedDataIntervals + _edge.MissedDataIntervals;
            }
        }
    }

    /// <summary>A consistent picture of the device's state and readings.</summary>
    public SimulatedDeviceStatus Status()
    {
        lock (_gate)
        {
            return new SimulatedDeviceStatus(
                DeviceId,
                IsConnected,
                ConnectionCount,
                _lwm2m.State,
                _edge.State,
                _edge.BdSeq,
                MessagesPublished,
                _sendQueue.Count,
                new SensorReadings(Math.Round(_sensor.Temperature, 3), Math.Round(_sensor.Humidity, 3), Math.Round(_sensor.BatteryLevel, 3), _sensor.UptimeSeconds, _sensor.Setpoint));
        }
    }

    public void Start() => _connection.Start();

    /// <summary>
    /// De-registers and publishes the death, then disconnects with reason 0x04, Disconnect with Will Message, so the
    /// broker publishes the Will (the same NDEATH) as well. When
    /// <paramref name="cancellationToken"/> fires first, what is still queued is given up.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task drain;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }
            _stopped = true;
            _work.Cancel();
            if (!_restarting)
            {
                var now = _time.GetUtcNow();
                _lwm2m.Deregister(now, _outbox);
                _edge.Disconnecting(now, _outbox);
                FlushLocked(now);
            }
            drain = _drain;
        }
        try
        {
            await drain.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _aborting.CancelAsync();
        }
        await _connection.StopAsync(null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await StopAsync(CancellationToken.None);
        await _aborting.CancelAsync();
        await _connection.DisposeAsync();
        if (_clientCertificate is { IsValueCreated: true })
        {
            _clientCertificate.Value.Dispose();
        }
        _aborting.Dispose();
    }

    MqttWill CreateWill()
    {
        OutboundMessage will;
        byte next;
        lock (_gate)
        {
            // A new MQTT session begins: whatever restart led here is over, and messages count again.
            _restarting = false;
            will = _edge.Connecting(_time.GetUtcNow(), _connection.Broker);
            next = _edge.NextBdSeq;
        }
        try
        {
            _bdSeqs.Save(DeviceId, next);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.BdSeqNotSaved(_logger, exception, DeviceId);
        }
        return will.ToWill();
    }

    Task OnConnectedAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        _metrics.Connects.Inc();
        WithCores(now =>
        {
            _lwm2m.Connected(now, _outbox);
            _edge.Connected(now, _outbox);
        });
        return Task.CompletedTask;
    }

    Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        WithCores(now =>
        {
            var sparkplug = _edge.Receive(message.Topic, message.Payload, now, _outbox);
            if (sparkplug.Kind != EdgeNodeReceiptKind.NotSparkplug)
            {
                Count(sparkplug);
            }
            else
            {
                Count(_lwm2m.Receive(message.Topic, message.Payload, now, _outbox));
            }
        });
        return Task.CompletedTask;
    }

    Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        lock (_gate)
        {
            EndSessionLocked();
        }
        return Task.CompletedTask;
    }

    /// <summary>The scheduler's call: whatever the cores have due now.</summary>
    void RunDue(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_stopped || _restarting)
            {
                return;
            }
            if (_sendQueue.Count >= _sendQueueLimit)
            {
                // Back-pressure: the connection is behind. Make nothing new; the drain reschedules once it is empty.
                _waitingForDrain = true;
                _metrics.BackPressureWaits.Inc();
                return;
            }
        }
        WithCores(_ =>
        {
            _lwm2m.Run(now, _outbox);
            _edge.Run(now, _outbox);
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the cores under the lock, then queues what they asked for and books their next
    /// due time. A core that throws is a bug: it is logged, its partial output dropped, and the device goes on.
    /// </summary>
    void WithCores(Action<DateTimeOffset> work)
    {
        lock (_gate)
        {
            if (_stopped || _restarting)
            {
                return;
            }
            var now = _time.GetUtcNow();
            try
            {
                work(now);
            }
            catch (Exception exception)
            {
                Log.CoreFailed(_logger, exception, DeviceId);
                _outbox.Clear();
                _work.ScheduleAt(now + RetryAfterFailure);
                return;
            }
            FlushLocked(now);
        }
    }

    /// <summary>Queues what the cores asked for, starts the drain, and books the cores' next due time.</summary>
    void FlushLocked(DateTimeOffset now)
    {
        if (_edge.State == EdgeNodeState.Born)
        {
            // Born where the primary host is online: a later walk to the next server starts a new round.
            _connection.Settled();
        }
        if (_outbox.Restart != RestartReason.None)
        {
            // Whichever core asked for it, the Sparkplug session ends with its NDEATH before the connection closes.
            _edge.Disconnecting(now, _outbox);
        }
        foreach (var message in _outbox.Messages)
        {
            _sendQueue.Enqueue(new QueuedItem(message, RestartReason.None, _session));
        }
        if (_outbox.Restart != RestartReason.None)
        {
            _sendQueue.Enqueue(new QueuedItem(default, _outbox.Restart, _session));
            _restarting = true;
        }
        _outbox.Clear();
        if (!_draining && _sendQueue.Count > 0)
        {
            _draining = true;
            _drain = Task.Run(DrainAsync);
        }
        ScheduleLocked();
    }

    void ScheduleLocked()
    {
        if (_stopped || _restarting || _waitingForDrain)
        {
            _work.Cancel();
            return;
        }
        var sparkplug = _edge.NextDueAt;
        var lwm2m = _lwm2m.NextDueAt;
        _work.ScheduleAt(sparkplug is null ? lwm2m : lwm2m is null ? sparkplug : sparkplug < lwm2m ? sparkplug : lwm2m);
    }

    void EndSessionLocked()
    {
        // Whatever is still queued was made for the connection that just ended.
        _session++;
        foreach (var item in _sendQueue)
        {
            if (item.Restart == RestartReason.None)
            {
                _metrics.Dropped.WithLabels(item.Message.Protocol).Inc();
            }
        }
        _sendQueue.Clear();
        _waitingForDrain = false;
        _edge.ConnectionLost();
        _lwm2m.ConnectionLost();
        _work.Cancel();
    }

    /// <summary>Sends the queue in order; ends (under the lock, in <see cref="TryDequeue"/>) when it is empty.</summary>
    async Task DrainAsync()
    {
        while (TryDequeue(out var item))
        {
            try
            {
                if (item.Restart != RestartReason.None)
                {
                    await RestartAsync(item.Restart);
                }
                else
                {
                    await PublishAsync(item);
                }
            }
            catch (Exception exception)
            {
                // One failed item must not end the drain with the queue still full.
                Log.SendFailed(_logger, exception, DeviceId);
            }
        }
    }

    /// <summary>The next item of the current session; false (the drain ends; a waiting device is rescheduled) when none is left.</summary>
    bool TryDequeue(out QueuedItem item)
    {
        lock (_gate)
        {
            while (_sendQueue.TryDequeue(out item))
            {
                if (item.Session == _session)
                {
                    return true;
                }
            }
            _draining = false;
            if (_waitingForDrain)
            {
                _waitingForDrain = false;
                ScheduleLocked();
            }
            return false;
        }
    }

    async Task PublishAsync(QueuedItem item)
    {
        var message = item.Message;
        if (Volatile.Read(ref _session) != item.Session)
        {
            // The connection ended (and maybe came back) since this was dequeued: it is not for the new one.
            _metrics.Dropped.WithLabels(message.Protocol).Inc();
            return;
        }
        try
        {
            var result = await _connection.Client.PublishAsync(message.ToApplicationMessage(), _aborting.Token);
            if (!result.IsSuccess)
            {
                _metrics.PublishFailures.WithLabels(message.Protocol).Inc();
                return;
            }
            Interlocked.Increment(ref _published);
            _metrics.PublishedOf(message.Protocol, message.MessageType).Inc();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Connection lost or aborted: counted; the session's end drops the rest.
            _metrics.PublishFailures.WithLabels(message.Protocol).Inc();
        }
    }

    /// <summary>Closes the connection and lets it reconnect: a new MQTT session, a new bdSeq, births and a new registration.</summary>
    async Task RestartAsync(RestartReason reason)
    {
        if (reason == RestartReason.Reboot)
        {
            _metrics.Reboots.Inc();
        }
        Log.Restarting(_logger, DeviceId, ReasonNames.Of(reason));
        try
        {
            // The primary host went offline on this server: the edge node moves on to the next one (Sparkplug 3.0,
            // tck-id-operational-behavior-primary-application-state-with-multiple-servers-walk).
            await _connection.RestartAsync(null, _aborting.Token, toNextServer: reason == RestartReason.PrimaryHostOffline);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.RestartFailed(_logger, exception, DeviceId);
        }
        lock (_gate)
        {
            if (_restarting)
            {
                EndSessionLocked();
            }
        }
    }

    void Count(EdgeNodeReceipt receipt)
    {
        _metrics.Received.WithLabels("sparkplug", ReasonNames.Of(receipt.Kind)).Inc();
        if (receipt.Reason != EdgeNodeReason.None)
        {
            _metrics.Rejected.WithLabels("sparkplug", ReasonNames.Of(receipt.Reason)).Inc(Math.Max(1, receipt.WritesRejected));
        }
    }

    void Count(Lwm2mClientReceipt receipt)
    {
        if (receipt.Kind == Lwm2mClientReceiptKind.Echo)
        {
            // The OMA binding's one topic brings every publication back to its sender: not traffic from the server.
            return;
        }
        if (receipt.Kind == Lwm2mClientReceiptKind.NotLwm2m)
        {
            _metrics.Rejected.WithLabels("mqtt", "unexpected_topic").Inc();
            return;
        }
        _metrics.Received.WithLabels("lwm2m", ReasonNames.Of(receipt.Kind)).Inc();
        if (receipt.Reason != Lwm2mClientReason.None)
        {
            _metrics.Rejected.WithLabels("lwm2m", ReasonNames.Of(receipt.Reason)).Inc();
        }
        if (receipt.Kind == Lwm2mClientReceiptKind.Acknowledgement && receipt.Code is { IsSuccess: false } code)
        {
            Log.RegistrationRefused(_logger, DeviceId, code.ToString());
        }
    }

    readonly record struct QueuedItem(OutboundMessage Message, RestartReason Restart, int Session);
}
