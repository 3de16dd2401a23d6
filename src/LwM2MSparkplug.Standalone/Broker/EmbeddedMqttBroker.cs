using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.Certificates;
using LwM2MSparkplug.ServiceDefaults.Observability;
using LwM2MSparkplug.Standalone.Broker.Access;
using LwM2MSparkplug.Standalone.Broker.InProcess;
using LwM2MSparkplug.Standalone.Broker.Listener;
using LwM2MSparkplug.Standalone.Broker.Routing;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Packets;
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
/// <para>
/// With <see cref="EmbeddedBrokerOptions.RequireAuthentication"/>, the broker enforces the Compose stack's rules: a client
/// certificate from its own device CA (<see cref="DeviceAuthority"/>) makes a device whose identity is the certificate's
/// common name, otherwise a password account (<see cref="Accounts"/>) is needed; the client id becomes the identity
/// whatever the client sent, and <see cref="TopicAccessPolicy"/> decides every publish and subscription. Refusals are
/// counted by reason and logged at most every <see cref="RefusalLogInterval"/> per kind and reason.
/// </para>
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
    readonly System.Collections.Concurrent.ConcurrentDictionary<(string Kind, string Reason), LogBurstGate> _accessLogs = new();
    readonly ClientAuthenticator? _authenticator;
    readonly DeviceCertificateCheck? _deviceCertificates;
    readonly OwnTopicRouter _ownTopics;

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
        Func<MqttConnectPacket, X509Certificate2?, Authentication>? authenticate = null;
        if (options.RequireAuthentication)
        {
            DeviceAuthority = DevelopmentCertificateAuthority.LoadOrCreate(Path.Combine(options.CertificateDirectory, DeviceCaDirectoryName), name: DeviceCaName);
            Accounts = BrokerAccounts.WithGeneratedServicePasswords(options.Username!, options.Password!);
            _authenticator = new ClientAuthenticator(Accounts);
            _deviceCertificates = new DeviceCertificateCheck(DeviceAuthority.CaCertificate, TimeProvider.System);
            authenticate = Authenticate;
            // Ask every TLS client for a certificate but let it come without one (password accounts); whether a
            // certificate makes a device is decided at CONNECT, so the client hears why it was refused.
            serverOptions.TlsEndpointOptions.ClientCertificateRequired = true;
            serverOptions.TlsEndpointOptions.RemoteCertificateValidationCallback = LeaveClientCertificateToConnect;
        }
        var front = new BrokerFrontServerAdapter(options.MaxPacketBytes, new BrokerFrontEvents(CountRefusedPacket, CountRefusedEmptyClientId, PublishWill), authenticate, logger);
        InProcessClients = new InProcessClientAdapterFactory(options.Port, front.ConnectInProcess);
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [front]);
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _ownTopics = new OwnTopicRouter(_server, options.OmaPrefix, clientId => _ = CountDropAsync(clientId));
        // Access first: a refused subscription never reaches the router.
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        _server.InterceptingUnsubscriptionAsync += _ownTopics.InterceptUnsubscriptionAsync;
        _server.ClientConnectedAsync += _ownTopics.ClientConnectedAsync;
        _server.SessionDeletedAsync += _ownTopics.SessionDeletedAsync;
        // With the default overflow strategy a full queue drops its oldest message; with DropNewMessage, the new one.
        _server.QueuedApplicationMessageOverwrittenAsync += args => CountDropAsync(args.ReceiverClientId);
        _server.ApplicationMessageEnqueuedOrDroppedAsync += args => args.IsDropped ? CountDropAsync(args.ReceiverClientId) : Task.CompletedTask;
    }

    /// <summary>The sub-folder of <see cref="EmbeddedBrokerOptions.CertificateDirectory"/> that holds the device CA.</summary>
    public const string DeviceCaDirectoryName = "device-ca";

    public const string DeviceCaName = "LwM2MSparkplug Device CA";

    /// <summary>The CA of the broker's own certificate, which clients trust.</summary>
    public DevelopmentCertificateAuthority Authority { get; }

    /// <summary>The CA whose client certificates make devices, when authentication is on; else null.</summary>
    public DevelopmentCertificateAuthority? DeviceAuthority { get; }

    /// <summary>The password accounts, when authentication is on; else null.</summary>
    public BrokerAccounts? Accounts { get; }
    public int Port => _options.Port;

    /// <summary>
    /// For MQTT clients in this process (the standalone's services): connections to <see cref="Port"/> on this machine
    /// go through memory instead of a loopback socket; see <see cref="InProcessClientAdapterFactory"/>.
    /// </summary>
    public InProcessClientAdapterFactory InProcessClients { get; }
    public int TlsPort => _options.TlsPort;
    public MqttServer Server => _server;

    public BrokerStatistics Statistics { get; } = new();

    /// <summary>Devices' subscriptions to their own topics, held by the broker's own index (<see cref="OwnTopicRouter"/>) rather than MQTTnet's sessions.</summary>
    public int OwnTopicSubscriptionCount => _ownTopics.SubscriptionCount;

    public async Task StartAsync()
    {
        await _server.StartAsync();
        LogStarted(_logger, _options.Port, _options.TlsPort, _options.RequireAuthentication
            ? $"required (devices: client certificates from the device CA {Path.GetFullPath(DeviceAuthority!.CaCertificatePath)}; people: user {_options.Username}, read-only; services: an account each)"
            : "off (anonymous clients allowed)", _options.MaxPendingMessagesPerClient, _options.MaxPacketBytes);
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
        DeviceAuthority?.Dispose();
    }

    /// <summary>
    /// Lets a TLS client through without a certificate, or with one the system store does not know (the device CA is
    /// not in it): <see cref="DeviceCertificateCheck"/> decides at CONNECT.
    /// </summary>
    static bool LeaveClientCertificateToConnect(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        (errors & ~(SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateChainErrors)) == SslPolicyErrors.None;

    Authentication Authenticate(MqttConnectPacket connect, X509Certificate2? certificate) =>
        _authenticator!.Authenticate(certificate is null ? null : _deviceCertificates!.Check(certificate), connect.Username, connect.Password);

    Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        if (_options.RequireAuthentication)
        {
            // The broker front authenticated the CONNECT (and set the client id); only its adapters reach this server.
            var authentication = (args.ChannelAdapter as BrokerFrontChannelAdapter)?.Authentication
                ?? Authentication.Refused(BrokerStatistics.NoCredentials, "connection did not pass the broker front");
            if (authentication.Identity is not { } identity)
            {
                args.ReasonCode = authentication.Reason is BrokerStatistics.CertificateNotTrusted or BrokerStatistics.CertificateNameInvalid
                    ? MqttConnectReasonCode.NotAuthorized
                    : MqttConnectReasonCode.BadUserNameOrPassword;
                args.ReasonString = authentication.Explanation;
                RefuseConnection(args.ClientId, args.RemoteEndPoint, authentication.Reason!, authentication.Explanation!);
                return Task.CompletedTask;
            }
            args.SessionItems[IdentityKey] = identity;
        }
        _secureClients[args.ClientId] = args.IsSecureConnection;
        return Task.CompletedTask;
    }

    /// <summary>The session item that holds a client's <see cref="ClientIdentity"/>.</summary>
    static readonly object IdentityKey = new();

    /// <summary>Publishes a client's Will on its behalf (its DISCONNECT asked for it; see <see cref="BrokerFrontChannelAdapter"/>).</summary>
    void PublishWill(string clientId, MqttApplicationMessage will) => _ = PublishWillAsync(clientId, will);

    async Task PublishWillAsync(string clientId, MqttApplicationMessage will)
    {
        try
        {
            await _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(will) { SenderClientId = clientId });
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogWillFailed(_logger, exception, clientId, will.Topic);
        }
    }

    void CountRefusedEmptyClientId(EndPoint? remoteEndPoint) =>
        RefuseConnection("(empty)", remoteEndPoint, BrokerStatistics.EmptyClientId,
            "an empty client id needs a clean session under MQTT 3.1.1; set a client id or a clean session");

    void RefuseConnection(string clientId, EndPoint? remoteEndPoint, string reason, string explanation)
    {
        Statistics.CountRefusedConnection(reason);
        if (AccessLog("connection", reason).TryPass(DateTimeOffset.UtcNow, out var suppressed))
        {
            LogRefused(_logger, clientId, remoteEndPoint?.ToString(), reason, explanation, suppressed);
        }
    }

    LogBurstGate AccessLog(string kind, string reason) => _accessLogs.GetOrAdd((kind, reason), static _ => new LogBurstGate(RefusalLogInterval));

    /// <summary>The identity of a message's sender; null for the broker's own messages (<c>$SYS</c>), which have no session.</summary>
    static bool TryGetIdentity(System.Collections.IDictionary? sessionItems, out ClientIdentity identity)
    {
        if (sessionItems?[IdentityKey] is ClientIdentity found)
        {
            identity = found;
            return true;
        }
        identity = default;
        return false;
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

    Task InterceptPublishAsync(InterceptingPublishEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        Statistics.CountPublish(topic);
        if (!_options.RequireAuthentication)
        {
            _ownTopics.Deliver(args.ApplicationMessage);
            return Task.CompletedTask;
        }
        var access = TryGetIdentity(args.SessionItems, out var identity)
            ? TopicAccessPolicy.MayPublish(identity, topic, _options.OmaPrefix)
            : string.IsNullOrEmpty(args.ClientId) ? TopicAccess.Allowed : TopicAccess.NotPermitted;
        if (access != TopicAccess.Allowed)
        {
            // Dropped; an MQTT 5 client's QoS 1 publish gets PUBACK 0x87, as Mosquitto's ACL refusals.
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            if (CountRefusal("publish", access, Statistics.CountRefusedPublish, out var reason, out var suppressed))
            {
                LogPublishRefused(_logger, args.ClientId, identity.Role, topic, reason, suppressed);
            }
            return Task.CompletedTask;
        }
        _ownTopics.Deliver(args.ApplicationMessage);
        return Task.CompletedTask;
    }

    async Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        if (_options.RequireAuthentication)
        {
            CheckSubscription(args);
        }
        await _ownTopics.InterceptSubscriptionAsync(args);
    }

    void CheckSubscription(InterceptingSubscriptionEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        var access = TryGetIdentity(args.SessionItems, out var identity) ? TopicAccessPolicy.MaySubscribe(identity, filter, _options.OmaPrefix) : TopicAccess.NotPermitted;
        if (access != TopicAccess.Allowed)
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            if (CountRefusal("subscription", access, Statistics.CountRefusedSubscription, out var reason, out var suppressed))
            {
                LogSubscriptionRefused(_logger, args.ClientId, identity.Role, filter, reason, suppressed);
            }
        }
    }

    /// <summary>Counts a refused publish or subscription by reason; true when a log line may go out now.</summary>
    bool CountRefusal(string kind, TopicAccess access, Action<string> count, out string reason, out long suppressed)
    {
        reason = BrokerStatistics.RefusalReason(access);
        count(reason);
        return AccessLog(kind, reason).TryPass(DateTimeOffset.UtcNow, out suppressed);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the Will of MQTT client {ClientId} on {Topic}, which its DISCONNECT asked for")]
    static partial void LogWillFailed(ILogger logger, Exception exception, string clientId, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused MQTT client {ClientId} from {RemoteEndPoint} ({Reason}): {Explanation}. {Suppressed} more refusals for this reason since the last line")]
    static partial void LogRefused(ILogger logger, string clientId, string? remoteEndPoint, string reason, string explanation, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded MQTT broker dropped a publish from {ClientId} ({Role}) to {Topic} ({Reason}): the client has no right to publish there. {Suppressed} more publishes dropped for this reason since the last line")]
    static partial void LogPublishRefused(ILogger logger, string clientId, ClientRole role, string topic, string reason, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded MQTT broker refused the subscription of {ClientId} ({Role}) to {Filter} ({Reason}): the client has no right to read there. {Suppressed} more subscriptions refused for this reason since the last line")]
    static partial void LogSubscriptionRefused(ILogger logger, string clientId, ClientRole role, string filter, string reason, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded MQTT broker refused a packet of {ClaimedBytes} bytes from client {ClientId} at {RemoteEndPoint} and closed the connection: above the maximum packet size of {MaxPacketBytes} bytes. Raise BROKER_MAX_PACKET_BYTES if such messages are legitimate. {Suppressed} more refusals of this kind since the last line")]
    static partial void LogPacketTooLarge(ILogger logger, long claimedBytes, string? clientId, string? remoteEndPoint, int maxPacketBytes, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded MQTT broker refused a packet from client {ClientId} at {RemoteEndPoint} and closed the connection: its remaining length runs past the four bytes MQTT allows. {Suppressed} more refusals of this kind since the last line")]
    static partial void LogMalformedRemainingLength(ILogger logger, string? clientId, string? remoteEndPoint, long suppressed);
}
