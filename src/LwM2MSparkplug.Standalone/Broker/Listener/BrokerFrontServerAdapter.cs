using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.Standalone.Broker.Access;
using LwM2MSparkplug.Standalone.Broker.InProcess;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Exceptions;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace LwM2MSparkplug.Standalone.Broker.Listener;

/// <summary>
/// The embedded broker's own listeners in place of MQTTnet's (<c>MqttTcpServerAdapter</c>): the same plain and TLS
/// endpoints from the same <see cref="MqttServerOptions"/>, IPv4 and IPv6, but every connection passes the broker front
/// (<see cref="BrokerFrontTcpListener"/>), which refuses oversize packets before MQTTnet allocates them, assigns ids
/// to clients that send none and, with <paramref name="authenticate"/>, gives each client its identity as client id.
/// </summary>
public sealed partial class BrokerFrontServerAdapter(
    int maxPacketBytes,
    BrokerFrontEvents events,
    Func<MqttConnectPacket, X509Certificate2?, Authentication>? authenticate,
    ILogger brokerLogger) : IMqttServerAdapter
{
    readonly List<BrokerFrontTcpListener> _listeners = [];
    CancellationTokenSource? _stopping;
    // What an in-process connection needs; null while the front is stopped. One reference, so a connect racing with
    // a stop sees the front started or stopped, never half of each.
    Started? _started;
    int _inProcessConnections;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_stopping is not null)
        {
            throw new InvalidOperationException("The broker front is already started.");
        }
        _stopping = new CancellationTokenSource();
        var context = new BrokerFrontContext(maxPacketBytes, events, authenticate, brokerLogger, logger, () => ClientHandler);
        Volatile.Write(ref _started, new Started(context, options));
        if (options.DefaultEndpointOptions.IsEnabled)
        {
            Listen(options.DefaultEndpointOptions, options, context);
        }
        if (options.TlsEndpointOptions.IsEnabled)
        {
            Listen(options.TlsEndpointOptions, options, context);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    void Listen(MqttServerTcpEndpointBaseOptions endpoint, MqttServerOptions options, BrokerFrontContext context)
    {
        if (!endpoint.BoundInterNetworkAddress.Equals(IPAddress.None))
        {
            Start(new IPEndPoint(endpoint.BoundInterNetworkAddress, endpoint.Port), endpoint, options, context);
        }
        if (!endpoint.BoundInterNetworkV6Address.Equals(IPAddress.None) && Socket.OSSupportsIPv6)
        {
            try
            {
                Start(new IPEndPoint(endpoint.BoundInterNetworkV6Address, endpoint.Port), endpoint, options, context);
            }
            catch (SocketException exception) when (exception.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
            {
                // Containers often have IPv6 switched off; IPv4 clients are served all the same.
                LogNoIpv6(brokerLogger, endpoint.Port, exception.SocketErrorCode);
            }
        }
    }

    void Start(IPEndPoint endPoint, MqttServerTcpEndpointBaseOptions endpoint, MqttServerOptions options, BrokerFrontContext context)
    {
        var listener = new BrokerFrontTcpListener(endPoint, endpoint, options, context);
        try
        {
            listener.Start(_stopping!.Token);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listeners.Add(listener);
    }

    /// <summary>
    /// Opens an in-process connection (<see cref="InProcessChannel"/>) and serves its broker end as the plain endpoint
    /// serves a socket; returns the client's end. Throws, as a refused TCP connect would, while the broker is stopped.
    /// </summary>
    public InProcessChannel ConnectInProcess(long bufferBytes)
    {
        var (context, options) = Volatile.Read(ref _started) ?? throw new MqttCommunicationException("The embedded MQTT broker is not running.");
        var (client, server) = InProcessChannel.CreatePair(bufferBytes, $"client {Interlocked.Increment(ref _inProcessConnections)}");
        _ = Task.Run(async () =>
        {
            try
            {
                await context.ServeAsync(server, options.DefaultEndpointOptions.AllowPacketFragmentation, options).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
            {
                LogInProcessConnectionEnded(brokerLogger, server.RemoteEndPoint, exception.Message);
            }
            finally
            {
                server.Dispose();
            }
        }, CancellationToken.None);
        return client;
    }

    void Stop()
    {
        Volatile.Write(ref _started, null);
        _stopping?.Cancel();
        _stopping?.Dispose();
        _stopping = null;
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }
        _listeners.Clear();
    }

    sealed record Started(BrokerFrontContext Context, MqttServerOptions Options);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Embedded MQTT broker connection from {RemoteEndPoint} ended: {Reason}")]
    static partial void LogInProcessConnectionEnded(ILogger logger, EndPoint remoteEndPoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listens on IPv4 only for port {Port}: IPv6 is not available ({Error})")]
    static partial void LogNoIpv6(ILogger logger, int port, SocketError error);
}
