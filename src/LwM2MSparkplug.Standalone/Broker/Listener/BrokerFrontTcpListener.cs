using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace LwM2MSparkplug.Standalone.Broker.Listener;

/// <summary>
/// One listening socket of the broker front (one endpoint, one address family): accepts connections, does the TLS
/// handshake on the TLS endpoint with MQTTnet's own TLS options, and hands each connection to MQTTnet's server through
/// a <see cref="PacketSizeLimitingChannel"/> and a <see cref="BrokerFrontChannelAdapter"/>. Socket options are MQTTnet's
/// listener's, from the same endpoint options.
/// </summary>
public sealed partial class BrokerFrontTcpListener(
    IPEndPoint endPoint,
    MqttServerTcpEndpointBaseOptions endpointOptions,
    MqttServerOptions serverOptions,
    BrokerFrontContext context) : IDisposable
{
    readonly Socket _socket = new(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

    // Built once: given a bare certificate, SslStream builds its chain again for every handshake.
    readonly Lazy<SslStreamCertificateContext?> _certificateContext = new(() =>
        endpointOptions is MqttServerTlsTcpEndpointOptions tls && tls.CertificateProvider.GetCertificate() is { } certificate
            ? SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true)
            : null);

    public void Start(CancellationToken stopping)
    {
        if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // The IPv4 listener has the port already; this one takes IPv6 only.
            _socket.DualMode = false;
        }
        _socket.NoDelay = endpointOptions.NoDelay;
        _socket.ExclusiveAddressUse = false;
        if (endpointOptions.ReuseAddress)
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }
        if (endpointOptions.LingerState is { } linger)
        {
            _socket.LingerState = linger;
        }
        if (endpointOptions.KeepAlive is { } keepAlive)
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, keepAlive);
        }
        SetTcpOption(SocketOptionName.TcpKeepAliveInterval, endpointOptions.TcpKeepAliveInterval);
        SetTcpOption(SocketOptionName.TcpKeepAliveRetryCount, endpointOptions.TcpKeepAliveRetryCount);
        SetTcpOption(SocketOptionName.TcpKeepAliveTime, endpointOptions.TcpKeepAliveTime);
        _socket.Bind(endPoint);
        _socket.Listen(endpointOptions.ConnectionBacklog);
        _ = AcceptAsync(stopping);
    }

    public void Dispose() => _socket.Dispose();

    void SetTcpOption(SocketOptionName name, int? value)
    {
        if (value is { } set)
        {
            _socket.SetSocketOption(SocketOptionLevel.Tcp, name, set);
        }
    }

    async Task AcceptAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                // A connection reset while it waited in the backlog, or out of file descriptors: keep listening.
                LogAcceptFailed(context.Logger, endPoint, exception.SocketErrorCode);
                continue;
            }
            _ = Task.Run(() => ServeAsync(client, stopping), CancellationToken.None);
        }
    }

    async Task ServeAsync(Socket client, CancellationToken stopping)
    {
        // Read now: once the connection is disposed, the socket no longer says who it was.
        var remoteEndPoint = client.RemoteEndPoint;
        Stream stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            client.NoDelay = endpointOptions.NoDelay;
            X509Certificate2? clientCertificate = null;
            if (endpointOptions is MqttServerTlsTcpEndpointOptions tls)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false, tls.RemoteCertificateValidationCallback);
                stream = secure;
                await AuthenticateAsync(secure, tls, stopping).ConfigureAwait(false);
                clientCertificate = secure.RemoteCertificate is { } remote ? X509CertificateLoader.LoadCertificate(remote.Export(X509ContentType.Cert)) : null;
            }
            await context.ServeAsync(new MqttTcpChannel(stream, client.LocalEndPoint, client.RemoteEndPoint, clientCertificate), endpointOptions.AllowPacketFragmentation, serverOptions).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException or System.Security.Authentication.AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            // A client that went away or failed its TLS handshake; MQTTnet's own listener does not report these either.
            LogConnectionFailed(context.Logger, remoteEndPoint, exception.Message);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    async Task AuthenticateAsync(SslStream secure, MqttServerTlsTcpEndpointOptions tls, CancellationToken stopping)
    {
        // Bounded, unlike MQTTnet's own listener, so a client that opens the port and says nothing does not hold a task.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(serverOptions.DefaultCommunicationTimeout);
        await secure.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _certificateContext.Value,
            ClientCertificateRequired = tls.ClientCertificateRequired,
            EnabledSslProtocols = tls.SslProtocol,
            CertificateRevocationCheckMode = tls.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
            EncryptionPolicy = EncryptionPolicy.RequireEncryption,
            CipherSuitesPolicy = tls.CipherSuitesPolicy,
        }, timeout.Token).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded MQTT broker could not accept a connection on {EndPoint}: {Error}")]
    static partial void LogAcceptFailed(ILogger logger, IPEndPoint endPoint, SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Embedded MQTT broker connection from {RemoteEndPoint} ended: {Reason}")]
    static partial void LogConnectionFailed(ILogger logger, EndPoint? remoteEndPoint, string reason);
}
