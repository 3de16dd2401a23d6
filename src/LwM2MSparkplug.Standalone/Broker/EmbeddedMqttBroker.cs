using System.Net;
using LwM2MSparkplug.Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace LwM2MSparkplug.Standalone.Broker;

/// <summary>
/// An MQTTnet broker with a plain and a TLS listener, the TLS one using a certificate from the development CA.
/// Counts the messages it receives per protocol for the live summary.
/// </summary>
public sealed partial class EmbeddedMqttBroker : IAsyncDisposable
{
    readonly EmbeddedBrokerOptions _options;
    readonly ILogger _logger;
    readonly MqttServer _server;
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _secureClients = new(StringComparer.Ordinal);
    long _lwm2mMessages;
    long _sparkplugMessages;
    long _otherMessages;

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
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += CountPublishAsync;
    }

    public DevelopmentCertificateAuthority Authority { get; }
    public int Port => _options.Port;
    public int TlsPort => _options.TlsPort;
    public MqttServer Server => _server;

    public long LwM2MMessages => Interlocked.Read(ref _lwm2mMessages);
    public long SparkplugMessages => Interlocked.Read(ref _sparkplugMessages);
    public long OtherMessages => Interlocked.Read(ref _otherMessages);

    public async Task StartAsync()
    {
        await _server.StartAsync();
        LogStarted(_logger, _options.Port, _options.TlsPort, _options.RequireAuthentication ? "required" : "off (anonymous clients allowed)");
    }

    public Task<IList<MqttClientStatus>> GetClientsAsync() => _server.GetClientsAsync();

    /// <summary>Whether the client's current connection came in on the TLS listener.</summary>
    public bool IsConnectedOverTls(string clientId) => _secureClients.TryGetValue(clientId, out var secure) && secure;

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptions());
        _server.Dispose();
        Authority.Dispose();
    }

    Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        if (_options.RequireAuthentication && (args.UserName != _options.Username || args.Password != _options.Password))
        {
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            LogRefused(_logger, args.ClientId, args.RemoteEndPoint?.ToString());
            return Task.CompletedTask;
        }
        _secureClients[args.ClientId] = args.IsSecureConnection;
        return Task.CompletedTask;
    }

    Task CountPublishAsync(InterceptingPublishEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        if (topic.StartsWith("lwm2m/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _lwm2mMessages);
        }
        else if (topic.StartsWith("spBv1.0/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _sparkplugMessages);
        }
        else
        {
            Interlocked.Increment(ref _otherMessages);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Port} (plain) and {TlsPort} (TLS); authentication {Authentication}")]
    static partial void LogStarted(ILogger logger, int port, int tlsPort, string authentication);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused MQTT client {ClientId} from {RemoteEndPoint}: bad user name or password")]
    static partial void LogRefused(ILogger logger, string clientId, string? remoteEndPoint);
}
