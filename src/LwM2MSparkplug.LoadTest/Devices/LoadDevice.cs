using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.DeviceSimulator.Sensors;
using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Edge;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.LoadTest.Devices;

/// <summary>
/// One virtual device: one MQTT connection that is a Sparkplug edge node and an LwM2M client, built from the same
/// cores and sensor as the simulator's devices. Unlike them it publishes DDATA on the load test's schedule (catching
/// up when late), and in the baseline phase publishes the same payloads outside Sparkplug's namespace.
/// </summary>
/// <remarks>Everything a device publishes goes out in order, one action at a time (<see cref="_sending"/>).</remarks>
public sealed class LoadDevice : IAsyncDisposable
{
    /// <summary>How far behind its schedule a device may fall before it skips (and counts) messages instead of bursting.</summary>
    static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(1);

    readonly EdgeNode _edge;
    readonly EdgeNode _baselineEdge;
    readonly Lwm2mClient _lwm2m;
    readonly MqttConnection _connection;
    readonly OfferedCounts _offered;
    readonly MqttQualityOfServiceLevel _dataQualityOfService;
    readonly string _baselineTopic;
    readonly SemaphoreSlim _sending = new(1, 1);
    readonly Outbox _outbox = new();
    readonly List<OutboundMessage> _batch = [];
    readonly CancellationTokenSource _stopping = new();
    readonly Lazy<X509Certificate2>? _clientCertificate;

    public LoadDevice(string id, LoadTestOptions options, MqttConnectionOptions mqtt, RateLimiter connectLimiter, OfferedCounts offered, ILogger logger, Lazy<X509Certificate2>? clientCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connectLimiter);
        Id = id;
        _offered = offered;
        _clientCertificate = clientCertificate;
        _dataQualityOfService = (MqttQualityOfServiceLevel)options.QualityOfService;
        _baselineTopic = BaselineTopic(options.GroupId, id);
        var startedAt = DateTimeOffset.UtcNow;
        var definition = new SimulatorOptions
        {
            SparkplugGroupId = options.GroupId,
            Lwm2mIntervalSeconds = options.SendIntervalSeconds,
        };
        var random = new Random(id.GetHashCode(StringComparison.Ordinal));
        _edge = SensorEdgeNodeMetrics.CreateEdgeNode(id, new SensorModel(random, startedAt, definition.BatteryDrainPercentPerHour), definition, nextBdSeq: 0);
        _lwm2m = SensorLwm2mObjects.CreateClient(id, new SensorModel(random, startedAt, definition.BatteryDrainPercentPerHour), definition);
        _baselineEdge = SensorEdgeNodeMetrics.CreateEdgeNode(id, new SensorModel(random, startedAt, definition.BatteryDrainPercentPerHour), definition, nextBdSeq: 0);
        // The baseline's edge node is never on the wire: born once, it only makes payloads.
        _baselineEdge.Connecting(startedAt);
        _baselineEdge.Connected(startedAt, new Outbox());
        _connection = new MqttConnection(mqtt, new MqttSessionDefinition
        {
            ClientId = id,
            ClientCertificate = clientCertificate is null ? null : () => clientCertificate.Value,
            Will = CreateWill,
            DisconnectWithWill = true,
            BeforeConnect = async cancellationToken => (await connectLimiter.AcquireAsync(1, cancellationToken)).Dispose(),
            Subscriptions = [.. _edge.Subscriptions.Concat(_lwm2m.Subscriptions).Select(s => MqttSessionDefinition.Subscription(s.Filter, (MqttQualityOfServiceLevel)s.QualityOfService))],
            OnConnected = (_, cancellationToken) => ActAsync(now => { _lwm2m.Connected(now, _outbox); _edge.Connected(now, _outbox); }, cancellationToken),
            OnMessage = args => ActAsync(now => Receive(args.ApplicationMessage, now), _stopping.Token),
            OnDisconnected = _ => ActAsync(_ => { _edge.ConnectionLost(); _lwm2m.ConnectionLost(); }, CancellationToken.None),
        }, logger);
    }

    public string Id { get; }

    /// <summary>Connected, born and registered: ready for load.</summary>
    public bool IsReady => _connection.IsConnected && _edge.State == EdgeNodeState.Born && _lwm2m.IsRegistered;

    /// <summary>The topic of a device's baseline messages: outside <c>spBv1.0/</c> and <c>lwm2m/</c>, so no service sees them.</summary>
    public static string BaselineTopic(string groupId, string deviceId) => $"loadtest/{groupId}/{deviceId}";

    public void Start() => _connection.Start();

    /// <summary>
    /// Publishes DDATA at <paramref name="ratePerDevice"/> (or its baseline copy) until <paramref name="cancellationToken"/>
    /// fires, starting <paramref name="offset"/> late so that the fleet's messages spread over the interval; the LwM2M
    /// client meanwhile sends and updates on its own schedule.
    /// </summary>
    public async Task RunAsync(bool baseline, double ratePerDevice, TimeSpan offset, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / ratePerDevice);
        var started = Stopwatch.GetTimestamp();
        long sent = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var due = offset + (interval * sent);
                var wait = due - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
                else if (-wait > MaxLag)
                {
                    // Far behind: count what cannot be made up instead of sending it in one burst.
                    var behind = (long)(-wait / interval);
                    _offered.Skipped(behind);
                    sent += behind;
                }
                await ActAsync(now =>
                {
                    (baseline ? _baselineEdge : _edge).ReportNow(now, _outbox);
                    _lwm2m.Run(now, _outbox);
                }, cancellationToken, baseline);
                sent++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>De-registers and publishes the death, then disconnects.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await ActAsync(now => { _lwm2m.Deregister(now, _outbox); _edge.Disconnecting(now, _outbox); }, cancellationToken);
        await _stopping.CancelAsync();
        await _connection.StopAsync(null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _connection.DisposeAsync();
        _stopping.Dispose();
        _sending.Dispose();
        if (_clientCertificate is { IsValueCreated: true })
        {
            _clientCertificate.Value.Dispose();
        }
    }

    MqttWill CreateWill()
    {
        return _edge.Connecting(DateTimeOffset.UtcNow).ToWill();
    }

    void Receive(MqttApplicationMessage message, DateTimeOffset now)
    {
        // Rebirth requests and the server's answers matter; a load device does not restart on command.
        if (_edge.Receive(message.Topic, message.Payload, now, _outbox).Kind == EdgeNodeReceiptKind.NotSparkplug)
        {
            _lwm2m.Receive(message.Topic, message.Payload, now, _outbox);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the cores and publishes what they asked for, in order, before the next action.</summary>
    async Task ActAsync(Action<DateTimeOffset> work, CancellationToken cancellationToken, bool baseline = false)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            work(DateTimeOffset.UtcNow);
            _batch.AddRange(_outbox.Messages);
            _outbox.Clear();
            foreach (var message in _batch)
            {
                await PublishAsync(message, baseline && message.MessageType == "ddata");
            }
        }
        finally
        {
            _batch.Clear();
            _sending.Release();
        }
    }

    async Task PublishAsync(OutboundMessage message, bool baseline)
    {
        var data = message.MessageType == "ddata";
        var mqtt = message.ToApplicationMessage(baseline ? _baselineTopic : null, data ? _dataQualityOfService : null);
        var protocol = baseline ? OfferedCounts.Baseline : message.Protocol;
        try
        {
            var result = await _connection.Client.PublishAsync(mqtt, _stopping.Token);
            if (result.IsSuccess)
            {
                _offered.Published(protocol, message.MessageType);
            }
            else
            {
                _offered.Failed(protocol);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not connected, or the connection broke during the publish: counted, never retried.
            _offered.Failed(protocol);
        }
    }
}
