using System.Net;
using LwM2MSparkplug.Certificates;
using LwM2MSparkplug.ServiceDefaults.Observability;
using LwM2MSparkplug.Standalone.Broker.Listener;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace LwM2MSparkplug.Standalone.Broker;

/// <summary>
/// An MQTTnet broker with a plain and a TLS listener, the TLS one using a certificate from the development CA. Counts
/// the messages it receives per protocol and every message it drops, per receiving client and reason
/// (<see cref="Statistics"/>), logs drops (at most every <see cref="DropLogInterval"/>), and publishes Mosquitto's
/// <c>$SYS/broker/…</c> totals, so the load test reads both brokers the same way. Clients connect through the broker's
/// own listeners (<see cref="BrokerFrontServerAdapter"/>), which refuse packets above <see cref="EmbeddedBrokerOptions.MaxPacketBytes"/>
/// before MQTTnet allocates them (counted and logged at most every <see cref="RefusalLogInterval"/> per reason) and give
/// clients that send an empty client id one of their own.
/// </summary>
public sealed partial class EmbeddedMqttBroker : IAsyncDisposable
{
    readonly EmbeddedBrokerOptions _options;
    readonly ILogger _logger;
    readonly MqttServer _server;
    static readonly TimeSpan DropLogInterval = TimeSpan.FromSeconds(10);
    static readonly TimeSpan RefusalLogInterval = TimeSpan.FromSeconds(10);
    readonly LogBurstGate _tooLargeLog = new(RefusalLogInterval);
    readonly LogBurstGate _malformedLengthLog = new(RefusalLogInterval);

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _secureClients = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stopping = new();
    long _droppedAtLastLog;
    long _lastDropLogTicks;
    Task _sys = Task.CompletedTask;

    public EmbeddedMqttBroker(EmbeddedBrokerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        Authority = DevelopmentCertificateAuthority.LoadOrCreate(options.CertificateDirectory);
        var serverCertificate = Authority.EnsureServerCertificate(
            "broker",
            ["localhost", Dns.GetHostName(), .. options.HostNames],
            [IPAddress.Loopback, IPAddress.IPv6Loopback]);

        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(options.Port)
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointPort(options.TlsPort)
            .WithEncryptionCertificate(serverCertificate.Load())
            .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
            // The Kafka bridge keeps a session so that unacknowledged messages wait for it.
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(options.MaxPendingMessagesPerClient)
            // One write per packet, as the clients do (MqttClientOptionsFactory).
            .WithoutPacketFragmentation()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [new BrokerFrontServerAdapter(options.MaxPacketBytes, new BrokerFrontEvents(CountRefusedPacket, CountRefusedEmptyClientId), logger)]);
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += CountPublishAsync;
        // With the default overflow strategy a full queue drops its oldest message; with DropNewMessage, the new one.
        _server.QueuedApplicationMessageOverwrittenAsync += args => CountDropAsync(args.ReceiverClientId);
        _server.ApplicationMessageEnqueuedOrDroppedAsync += args => args.IsDropped ? CountDropAsync(args.ReceiverClientId) : Task.CompletedTask;
    }

    public DevelopmentCertificateAuthority Authority { get; }
    public int Port => _options.Port;
    public int TlsPort => _options.TlsPort;
    public MqttServer Server => _server;

    public BrokerStatistics Statistics { get; } = new();

    public async Task StartAsync()
    {
        await _server.StartAsync();
        LogStarted(_logger, _options.Port, _options.TlsPort, _options.RequireAuthentication ? "required" : "off (anonymous clients allowed)", _options.MaxPendingMessagesPerClient, _options.MaxPacketBytes);
        if (_options.SysIntervalSeconds > 0)
        {
            _sys = PublishSysAsync(TimeSpan.FromSeconds(_options.SysIntervalSeconds), _stopping.Token);
        }
    }

    public Task<IList<MqttClientStatus>> GetClientsAsync() => _server.GetClientsAsync();

    /// <summary>Whether the client's current connection came in on the TLS listener.</summary>
    public bool IsConnectedOverTls(string clientId) => _secureClients.TryGetValue(clientId, out var secure) && secure;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _sys;
        _stopping.Dispose();
        await _server.StopAsync(new MqttServerStopOptions());
        _server.Dispose();
        Authority.Dispose();
    }

    Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        if (_options.RequireAuthentication && (args.UserName != _options.Username || args.Password != _options.Password))
        {
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            Statistics.CountRefusedConnection();
            LogRefused(_logger, args.ClientId, args.RemoteEndPoint?.ToString(), "bad user name or password");
            return Task.CompletedTask;
        }
        _secureClients[args.ClientId] = args.IsSecureConnection;
        return Task.CompletedTask;
    }

    void CountRefusedEmptyClientId(EndPoint? remoteEndPoint)
    {
        Statistics.CountRefusedConnection();
        LogRefused(_logger, "(empty)", remoteEndPoint?.ToString(), "an empty client id needs a clean session under MQTT 3.1.1; set a client id or a clean session");
    }

    void CountRefusedPacket(PacketRefusal refusal)
    {
        if (refusal.Reason == PacketLengthCheck.TooLarge)
        {
            Statistics.CountRefusedPacket(BrokerStatistics.PacketTooLarge);
            if (_tooLargeLog.TryPass(DateTimeOffset.UtcNow, out var suppressed))
            {
                LogPacketTooLarge(_logger, refusal.ClaimedPacketBytes, refusal.ClientId, refusal.RemoteEndPoint?.ToString(), refusal.MaxPacketBytes, suppressed);
            }
        }
        else
        {
            Statistics.CountRefusedPacket(BrokerStatistics.MalformedRemainingLength);
            if (_malformedLengthLog.TryPass(DateTimeOffset.UtcNow, out var suppressed))
            {
                LogMalformedRemainingLength(_logger, refusal.ClientId, refusal.RemoteEndPoint?.ToString(), suppressed);
            }
        }
    }

    Task CountPublishAsync(InterceptingPublishEventArgs args)
    {
        Statistics.CountPublish(args.ApplicationMessage.Topic);
        return Task.CompletedTask;
    }

    Task CountDropAsync(string receiverClientId)
    {
        Statistics.CountDrop(receiverClientId, BrokerStatistics.QueueFull);
        // One line per interval, with what was dropped since the last one, whatever the drop rate.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastDropLogTicks);
        if (now - last >= DropLogInterval.TotalMilliseconds && Interlocked.CompareExchange(ref _lastDropLogTicks, now, last) == last)
        {
            var dropped = Statistics.Dropped;
            var since = dropped - Interlocked.Exchange(ref _droppedAtLastLog, dropped);
            LogDropped(_logger, since, string.Join(", ", Statistics.DroppedByClient().Take(5).Select(d => $"{d.ClientId} {d.Count}")), _options.MaxPendingMessagesPerClient);
        }
        return Task.CompletedTask;
    }

    /// <summary>Mosquitto's <c>$SYS</c> totals, retained, every interval (a <c>#</c> subscription does not see them).</summary>
    async Task PublishSysAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                var clients = await _server.GetClientsAsync();
                await PublishSysAsync("$SYS/broker/clients/connected", clients.Count, cancellationToken);
                await PublishSysAsync("$SYS/broker/publish/messages/received", Statistics.PublishesReceived, cancellationToken);
                await PublishSysAsync("$SYS/broker/publish/messages/dropped", Statistics.Dropped, cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    Task PublishSysAsync(string topic, long value, CancellationToken cancellationToken) =>
        _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithRetainFlag(true)
            .Build()), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Port} (plain) and {TlsPort} (TLS); authentication {Authentication}; at most {MaxPending} messages queued per client (BROKER_MAX_PENDING_MESSAGES); packets up to {MaxPacketBytes} bytes (BROKER_MAX_PACKET_BYTES)")]
    static partial void LogStarted(ILogger logger, int port, int tlsPort, string authentication, int maxPending, int maxPacketBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded MQTT broker dropped {Dropped} messages in the last interval, for clients whose queue of {MaxPending} was full (they read slower than messages arrive); by client so far: {ByClient}. Lower the load, or raise BROKER_MAX_PENDING_MESSAGES to ride out longer bursts")]
    static partial void LogDropped(ILogger logger, long dropped, string byClient, int maxPending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused MQTT client {ClientId} from {RemoteEndPoint}: {Reason}")]
    static partial void LogRefused(ILogger logger, string clientId, string? remoteEndPoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded MQTT broker refused a packet of {ClaimedBytes} bytes from client {ClientId} at {RemoteEndPoint} and closed the connection: above the maximum packet size of {MaxPacketBytes} bytes. Raise BROKER_MAX_PACKET_BYTES if such messages are legitimate. {Suppressed} more refusals of this kind since the last line")]
    static partial void LogPacketTooLarge(ILogger logger, long claimedBytes, string? clientId, string? remoteEndPoint, int maxPacketBytes, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded MQTT broker refused a packet from client {ClientId} at {RemoteEndPoint} and closed the connection: its remaining length runs past the four bytes MQTT allows. {Suppressed} more refusals of this kind since the last line")]
    static partial void LogMalformedRemainingLength(ILogger logger, string? clientId, string? remoteEndPoint, long suppressed);
}
