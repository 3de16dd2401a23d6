using System.Threading.Channels;
using Google.Protobuf;
using LwM2MSparkplug.DeviceSimulator.Lwm2m;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>
/// One simulated device on exactly one MQTT connection (client id = device id) that is at once an LwM2M client
/// and a Sparkplug B edge node. The connection's Will is the Sparkplug NDEATH.
/// </summary>
/// <remarks>
/// Sparkplug publishes are serialised by one gate so seq numbers go out in order. Work triggered by received
/// commands runs on the device's own worker, never inside MQTTnet's receive callback, so awaiting a QoS 1
/// publish can never wait on the receive loop it would block.
/// </remarks>
public sealed class SimulatedDevice : IAsyncDisposable
{
    readonly SimulatorOptions _options;
    readonly SensorEdgeNodePayloads _payloads;
    readonly BdSeqStore _bdSeqs;
    readonly SimulatorMetrics _metrics;
    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly MqttConnection _connection;
    readonly SemaphoreSlim _sparkplugGate = new(1, 1);
    readonly EdgeNodeSequence _sequence = new();
    readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });
    readonly CancellationTokenSource _stopping = new();
    readonly string _nodeTopicBase;
    readonly string _deviceDataTopic;
    readonly string _deviceBirthTopic;
    readonly List<Task> _loops = [];
    volatile bool _born;
    readonly SimulatedLwm2mClient _lwm2m;
    volatile bool _registered;
    volatile bool _sessionReady;
    DateTimeOffset _lastRegistrationAt = DateTimeOffset.MinValue;
    DateTimeOffset _registerSentAt = DateTimeOffset.MinValue;
    bool _setpointChanged;
    long? _primaryHostOnlineTimestamp;
    long _published;

    public SimulatedDevice(string deviceId, SimulatorOptions options, MqttConnectionOptions mqtt, BdSeqStore bdSeqs, SimulatorMetrics metrics, TimeProvider time, ILogger logger)
    {
        DeviceId = deviceId;
        _options = options;
        _payloads = new SensorEdgeNodePayloads(options.UseAliases, options.DataTypesInData);
        _bdSeqs = bdSeqs;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        Sensor = new SensorModel(new Random(deviceId.GetHashCode(StringComparison.Ordinal)), time.GetUtcNow(), options.BatteryDrainPercentPerHour);
        _lwm2m = new SimulatedLwm2mClient(new SimulatedLwm2mObjects(deviceId, Sensor, TimeSpan.FromSeconds(options.Lwm2mLifetimeSeconds)));
        _nodeTopicBase = $"{SparkplugTopic.Namespace}/{options.SparkplugGroupId}";
        _deviceDataTopic = SparkplugTopic.ForDevice(options.SparkplugGroupId, SparkplugMessageType.DData, deviceId, options.SparkplugDeviceId).ToString();
        _deviceBirthTopic = SparkplugTopic.ForDevice(options.SparkplugGroupId, SparkplugMessageType.DBirth, deviceId, options.SparkplugDeviceId).ToString();

        List<MQTTnet.Packets.MqttTopicFilter> subscriptions =
        [
            MqttSessionDefinition.Subscription(SparkplugTopic.ForNode(options.SparkplugGroupId, SparkplugMessageType.NCmd, deviceId).ToString()),
            MqttSessionDefinition.Subscription(SparkplugTopic.ForDevice(options.SparkplugGroupId, SparkplugMessageType.DCmd, deviceId, options.SparkplugDeviceId).ToString()),
            MqttSessionDefinition.Subscription($"{Lwm2mTopic.Prefix}/{deviceId}/cmd/+"),
            MqttSessionDefinition.Subscription(Lwm2mTopic.Create(deviceId, Lwm2mTopicKind.RegisterAck).ToString()),
            MqttSessionDefinition.Subscription(Lwm2mTopic.Create(deviceId, Lwm2mTopicKind.UpdateAck).ToString()),
        ];
        if (options.PrimaryHostId is not null)
        {
            subscriptions.Add(MqttSessionDefinition.Subscription(SparkplugTopic.ForState(options.PrimaryHostId).ToString()));
        }
        _connection = new MqttConnection(mqtt, new MqttSessionDefinition
        {
            ClientId = deviceId,
            CleanSession = true,
            Will = CreateWill,
            Subscriptions = subscriptions,
            OnConnected = OnConnectedAsync,
            OnMessage = OnMessageAsync,
            OnDisconnected = _ =>
            {
                _sessionReady = false;
                _born = false;
                _registered = false;
                return Task.CompletedTask;
            },
        }, logger);
    }

    public string DeviceId { get; }
    public SensorModel Sensor { get; }
    public bool IsConnected => _connection.IsConnected;
    public bool IsBorn => _born;
    public bool IsRegistered => _registered;
    public int ConnectionCount => _connection.ConnectionCount;
    public byte? BdSeq { get; private set; }
    public long MessagesPublished => Interlocked.Read(ref _published);

    public void Start()
    {
        _connection.Start();
        _loops.Add(Task.Run(() => RunWorkerAsync(_stopping.Token)));
        _loops.Add(Task.Run(() => RunEveryAsync(_options.TelemetryInterval, PublishTelemetryAsync, _stopping.Token)));
        _loops.Add(Task.Run(() => RunEveryAsync(_options.Lwm2mInterval, PublishLwm2mSendAsync, _stopping.Token)));
        // Registration upkeep and observations are checked often; the work itself runs on the device's worker.
        _loops.Add(Task.Run(() => RunEveryAsync(TimeSpan.FromMilliseconds(100), _ =>
        {
            Enqueue(MaintainLwm2mAsync);
            return Task.CompletedTask;
        }, _stopping.Token)));
    }

    /// <summary>De-registers, publishes the death and disconnects (Sparkplug 3.0: NDEATH before DISCONNECT on MQTT 3.1.1 semantics).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops).WaitAsync(cancellationToken);
        await _connection.StopAsync(async (client, token) =>
        {
            await PublishAsync(client, Lwm2mTopic.Create(DeviceId, Lwm2mTopicKind.Deregister).ToString(), [], MqttQualityOfServiceLevel.AtLeastOnce, "lwm2m", "deregister", token);
            await PublishDeathAsync(client, token);
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None);
        }
        await _connection.DisposeAsync();
        _sparkplugGate.Dispose();
        _stopping.Dispose();
    }

    MqttWill CreateWill()
    {
        // A new MQTT session: the next bdSeq, carried by both the Will and the NBIRTH that follows.
        var bdSeq = _bdSeqs.Take(DeviceId);
        BdSeq = bdSeq;
        return new MqttWill(
            SparkplugTopic.ForNode(_options.SparkplugGroupId, SparkplugMessageType.NDeath, DeviceId).ToString(),
            SensorEdgeNodePayloads.NodeDeath(_time.GetUtcNow(), bdSeq).ToByteArray(),
            MqttQualityOfServiceLevel.AtLeastOnce,
            Retain: false);
    }

    async Task OnConnectedAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        _metrics.Connects.Inc();
        await PublishRegisterAsync(client, cancellationToken);
        _sessionReady = true;
        if (_options.PrimaryHostId is null)
        {
            await PublishBirthsAsync(client, cancellationToken);
        }
    }

    Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        var payload = args.ApplicationMessage.Payload;
        if (Lwm2mTopic.TryParse(topic, out var lwm2m, out _))
        {
            OnLwm2mMessage(lwm2m, payload);
            return Task.CompletedTask;
        }
        if (SparkplugTopic.TryParse(topic, out var sparkplug))
        {
            switch (sparkplug.MessageType)
            {
                case SparkplugMessageType.NCmd when SparkplugPayloadDecoder.TryParse(payload, 64 * 1024, out var command) == SparkplugDecodeError.None:
                    _metrics.CommandsReceived.WithLabels("ncmd").Inc();
                    if (SensorEdgeNodePayloads.IsRebirthRequest(command))
                    {
                        Enqueue(RebirthAsync);
                    }
                    break;
                case SparkplugMessageType.DCmd when SparkplugPayloadDecoder.TryParse(payload, 64 * 1024, out var command) == SparkplugDecodeError.None:
                    _metrics.CommandsReceived.WithLabels("dcmd").Inc();
                    Enqueue(_ => ApplyDeviceCommandAsync(command));
                    break;
                case SparkplugMessageType.State when HostState.TryParse(payload, out var state):
                    Enqueue(token => OnPrimaryHostStateAsync(state, token));
                    break;
            }
        }
        return Task.CompletedTask;
    }

    async Task RebirthAsync(CancellationToken cancellationToken)
    {
        // Rebirth: stop data, NBIRTH with the same bdSeq, DBIRTHs, then data resumes (tck-id-operational-behavior-data-commands-rebirth-action-1..3).
        if (_connection.IsConnected && (_options.PrimaryHostId is null || _primaryHostOnlineTimestamp is not null))
        {
            await PublishBirthsAsync(_connection.Client, cancellationToken);
        }
    }

    async Task ApplyDeviceCommandAsync(Protocols.Sparkplug.Proto.Payload command)
    {
        await _sparkplugGate.WaitAsync(_stopping.Token);
        try
        {
            if (SensorEdgeNodePayloads.ApplyDeviceCommand(command, Sensor).Count > 0)
            {
                _setpointChanged = true;
            }
        }
        finally
        {
            _sparkplugGate.Release();
        }
    }

    async Task OnPrimaryHostStateAsync(HostState state, CancellationToken cancellationToken)
    {
        // Sparkplug 3.0 §5.x: births wait for the primary host's online STATE; a newer offline STATE means
        // publish NDEATH, disconnect and try again later. STATE older than the last one seen is ignored.
        if (state.Online)
        {
            if (_primaryHostOnlineTimestamp is { } last && state.Timestamp < last)
            {
                return;
            }
            var wasOnline = _primaryHostOnlineTimestamp is not null;
            _primaryHostOnlineTimestamp = state.Timestamp;
            if (!wasOnline || !_born)
            {
                await PublishBirthsAsync(_connection.Client, cancellationToken);
            }
            return;
        }
        if (_primaryHostOnlineTimestamp is { } online && state.Timestamp >= online)
        {
            _primaryHostOnlineTimestamp = null;
            await _connection.RestartAsync(PublishDeathAsync, cancellationToken);
        }
    }

    async Task PublishBirthsAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        await _sparkplugGate.WaitAsync(cancellationToken);
        try
        {
            _born = false;
            var now = _time.GetUtcNow();
            Sensor.Advance(now);
            var nodeBirth = SensorEdgeNodePayloads.NodeBirth(now, _sequence.Birth(), BdSeq ?? 0, SensorLwm2mMessages.FirmwareVersion);
            await PublishAsync(client, $"{_nodeTopicBase}/NBIRTH/{DeviceId}", nodeBirth.ToByteArray(), MqttQualityOfServiceLevel.AtMostOnce, "sparkplug", "nbirth", cancellationToken);
            var deviceBirth = _payloads.DeviceBirth(now, _sequence.Next(), Sensor);
            await PublishAsync(client, _deviceBirthTopic, deviceBirth.ToByteArray(), MqttQualityOfServiceLevel.AtMostOnce, "sparkplug", "dbirth", cancellationToken);
            _setpointChanged = false;
            _born = true;
        }
        finally
        {
            _sparkplugGate.Release();
        }
    }

    /// <summary>Ends the Sparkplug session: no more data, then the NDEATH (before a disconnect or a restart).</summary>
    async Task PublishDeathAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        await _sparkplugGate.WaitAsync(cancellationToken);
        try
        {
            _born = false;
            var death = SensorEdgeNodePayloads.NodeDeath(_time.GetUtcNow(), BdSeq ?? 0);
            await PublishAsync(client, $"{_nodeTopicBase}/NDEATH/{DeviceId}", death.ToByteArray(), MqttQualityOfServiceLevel.AtLeastOnce, "sparkplug", "ndeath", cancellationToken);
        }
        finally
        {
            _sparkplugGate.Release();
        }
    }

    async Task PublishTelemetryAsync(CancellationToken cancellationToken)
    {
        if (!_born || !_connection.IsConnected)
        {
            return;
        }
        await _sparkplugGate.WaitAsync(cancellationToken);
        try
        {
            if (!_born)
            {
                return;
            }
            var now = _time.GetUtcNow();
            Sensor.Advance(now);
            var data = _payloads.DeviceData(now, _sequence.Next(), Sensor, _setpointChanged);
            _setpointChanged = false;
            await PublishAsync(_connection.Client, _deviceDataTopic, data.ToByteArray(), MqttQualityOfServiceLevel.AtMostOnce, "sparkplug", "ddata", cancellationToken);
        }
        finally
        {
            _sparkplugGate.Release();
        }
    }

    void OnLwm2mMessage(Lwm2mTopic topic, System.Buffers.ReadOnlySequence<byte> payload)
    {
        switch (topic.Kind)
        {
            case Lwm2mTopicKind.Command:
                _metrics.CommandsReceived.WithLabels("lwm2m").Inc();
                var requestId = topic.Id!;
                if (Lwm2mEnvelopeCodec.TryParseRequest(payload, out var request, out var error))
                {
                    Enqueue(token => AnswerAsync(requestId, request, token));
                }
                else
                {
                    Enqueue(token => RespondAsync(requestId, Lwm2mResponse.Failure(Lwm2mResultCode.BadRequest, error), token));
                }
                break;
            case Lwm2mTopicKind.RegisterAck or Lwm2mTopicKind.UpdateAck when Lwm2mEnvelopeCodec.TryParseResponse(payload, codeRequired: true, out var ack, out _):
                Enqueue(_ =>
                {
                    OnAcknowledged(topic.Kind, ack);
                    return Task.CompletedTask;
                });
                break;
        }
    }

    void OnAcknowledged(Lwm2mTopicKind kind, Lwm2mResponse ack)
    {
        var code = ack.Code!.Value;
        if (kind == Lwm2mTopicKind.RegisterAck && code == Lwm2mResultCode.Created)
        {
            _registered = true;
            _lastRegistrationAt = _time.GetUtcNow();
        }
        else if (kind == Lwm2mTopicKind.UpdateAck && code.IsSuccess)
        {
            _lastRegistrationAt = _time.GetUtcNow();
        }
        else
        {
            // Rejected, or the server lost the registration (4.04 to an Update): register again.
            _registered = false;
            _registerSentAt = DateTimeOffset.MinValue;
            Log.RegistrationRefused(_logger, DeviceId, code.ToString(), ack.Error);
        }
    }

    async Task AnswerAsync(string requestId, Lwm2mRequest request, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        Sensor.Advance(now);
        var lifetimeBefore = _lwm2m.Objects.Lifetime;
        var objectsBefore = _lwm2m.Objects.ObjectLinks.Count;
        var response = _lwm2m.Handle(request, now, out var effect);
        await RespondAsync(requestId, response, cancellationToken);
        if (effect == ExecuteEffect.Reboot)
        {
            await RebootAsync(cancellationToken);
            return;
        }
        // Changed lifetime or object instances are reported with an Update (LwM2M 1.2 Core §6.2.2).
        var lifetimeChanged = _lwm2m.Objects.Lifetime != lifetimeBefore;
        var objectsChanged = _lwm2m.Objects.ObjectLinks.Count != objectsBefore;
        if (effect == ExecuteEffect.RegistrationUpdate || lifetimeChanged || objectsChanged)
        {
            await PublishUpdateAsync(lifetimeChanged, objectsChanged, cancellationToken);
        }
    }

    Task RespondAsync(string requestId, Lwm2mResponse response, CancellationToken cancellationToken) =>
        PublishAsync(_connection.Client, Lwm2mTopic.Create(DeviceId, Lwm2mTopicKind.Response, requestId).ToString(), Lwm2mEnvelopeCodec.WriteResponse(response), MqttQualityOfServiceLevel.AtLeastOnce, "lwm2m", "response", cancellationToken);

    /// <summary>
    /// Reboot (/3/0/4): the device dies (NDEATH, as the edge must publish it before a DISCONNECT), its connection
    /// closes and comes back: a new MQTT session, a new bdSeq, births and a new registration.
    /// </summary>
    async Task RebootAsync(CancellationToken cancellationToken)
    {
        _metrics.Reboots.Inc();
        _sessionReady = false;
        _registered = false;
        _lwm2m.Observations.Clear();
        await _connection.RestartAsync(PublishDeathAsync, cancellationToken);
    }

    async Task MaintainLwm2mAsync(CancellationToken cancellationToken)
    {
        if (!_sessionReady || !_connection.IsConnected)
        {
            return;
        }
        var now = _time.GetUtcNow();
        if (!_registered)
        {
            // No answer to the Register yet: try again after a while (the server may have been away).
            if (now - _registerSentAt >= _options.RegistrationRetryInterval)
            {
                await PublishRegisterAsync(_connection.Client, cancellationToken);
            }
            return;
        }
        // Update before the lifetime runs out, at 80 % of it.
        if (now - _lastRegistrationAt >= TimeSpan.FromSeconds(_lwm2m.Objects.Lifetime * 0.8))
        {
            _lastRegistrationAt = now;
            await PublishUpdateAsync(lifetimeChanged: false, objectsChanged: false, cancellationToken);
        }
        Sensor.Advance(now);
        foreach (var notification in _lwm2m.Observations.Due(_lwm2m.Objects, now))
        {
            var body = new Lwm2mResponse(null) { Format = Lwm2mContentFormat.SenmlJson, Payload = Lwm2mContent.ToPayload(notification.Values, Lwm2mContentFormat.SenmlJson) };
            await PublishAsync(_connection.Client, Lwm2mTopic.Create(DeviceId, Lwm2mTopicKind.Notify, notification.ObservationId).ToString(), Lwm2mEnvelopeCodec.WriteResponse(body), MqttQualityOfServiceLevel.AtLeastOnce, "lwm2m", "notify", cancellationToken);
        }
    }

    async Task PublishRegisterAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        _registerSentAt = _time.GetUtcNow();
        var register = SensorLwm2mMessages.Register(DeviceId, TimeSpan.FromSeconds(_lwm2m.Objects.Lifetime), Sensor, _lwm2m.Objects.ObjectLinks);
        await PublishAsync(client, Lwm2mTopic.Create(DeviceId, Lwm2mTopicKind.Register).ToString(), Lwm2mMessageWriter.WriteRegister(register), MqttQualityOfServiceLevel.AtLeastOnce, "lwm2m", "register", cancellationToken);
    }

    Task PublishUpdateAsync(bool lifetimeChanged, bool objectsChanged, CancellationToken cancellationToken)
    {
        var update = new UpdateRequest(
            lifetimeChanged ? TimeSpan.FromSeconds(_lwm2m.Objects.Lifetime) : null,
            null,
            objectsChanged ? new Lwm2mObjectList(_lwm2m.Objects.ObjectLinks, new Dictionary<Lwm2mPath, System.Text.Json.JsonElement>()) : null);
        return PublishAsync(_connection.Client, Lwm2mTopic.Create(DeviceId, Lwm2mTopicKind.Update).ToString(), Lwm2mMessageWriter.WriteUpdate(update), MqttQualityOfServiceLevel.AtLeastOnce, "lwm2m", "update", cancellationToken);
    }

    /// <summary>Send (LwM2M 1.2 Information Reporting) every LWM2M_INTERVAL: temperature, battery level and time.</summary>
    async Task PublishLwm2mSendAsync(CancellationToken cancellationToken)
    {
        if (!_registered || !_connection.IsConnected || _lwm2m.Objects.MuteSend)
        {
            return;
        }
        Sensor.Advance(_time.GetUtcNow());
        var values = SendPaths.SelectMany(path => _lwm2m.Objects.Read(path) ?? []).ToList();
        var body = new Lwm2mResponse(null) { Format = Lwm2mContentFormat.SenmlJson, Payload = Lwm2mContent.ToPayload(values, Lwm2mContentFormat.SenmlJson) };
        await PublishAsync(_connection.Client, Lwm2mTopic.Create(DeviceId, Lwm2mTopicKind.Send).ToString(), Lwm2mEnvelopeCodec.WriteResponse(body), MqttQualityOfServiceLevel.AtLeastOnce, "lwm2m", "send", cancellationToken);
    }

    static readonly Lwm2mPath[] SendPaths = [Lwm2mPath.Parse("/3303/0/5700"), Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3/0/13")];

    async Task PublishAsync(IMqttClient client, string topic, byte[] payload, MqttQualityOfServiceLevel qualityOfService, string protocol, string messageType, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qualityOfService)
            .Build();
        try
        {
            var result = await client.PublishAsync(message, cancellationToken);
            if (!result.IsSuccess)
            {
                _metrics.PublishFailures.WithLabels(protocol).Inc();
                return;
            }
            Interlocked.Increment(ref _published);
            _metrics.Published.WithLabels(protocol, messageType).Inc();
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException)
        {
            _metrics.PublishFailures.WithLabels(protocol).Inc();
        }
    }

    void Enqueue(Func<CancellationToken, Task> work) => _work.Writer.TryWrite(work);

    async Task RunWorkerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await work(cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Log.DeviceWorkFailed(_logger, exception, DeviceId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    async Task RunEveryAsync(TimeSpan interval, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await action(cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Log.DeviceWorkFailed(_logger, exception, DeviceId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
