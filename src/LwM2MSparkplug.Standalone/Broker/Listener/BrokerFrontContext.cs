using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.Standalone.Broker.Access;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Channel;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace LwM2MSparkplug.Standalone.Broker.Listener;

/// <summary>What every listener of the broker front shares: the limit, where refusals go, who clients are, the loggers and MQTTnet's handler.</summary>
/// <param name="MaxPacketBytes">The largest packet a client may send, fixed header included.</param>
/// <param name="Events">Told of every refusal.</param>
/// <param name="Authenticate">
/// Decides who a client is from its CONNECT and TLS client certificate, when the broker requires authentication; null when it does not.
/// </param>
/// <param name="Logger">The broker's logger.</param>
/// <param name="MqttLogger">MQTTnet's logger, as MQTTnet's server passed it, for the channel adapters.</param>
/// <param name="ClientHandler">MQTTnet's handler for a new connection, read at each connection (the server sets it when it starts).</param>
public sealed record BrokerFrontContext(
    int MaxPacketBytes,
    BrokerFrontEvents Events,
    Func<MqttConnectPacket, X509Certificate2?, Authentication>? Authenticate,
    ILogger Logger,
    IMqttNetLogger MqttLogger,
    Func<Func<IMqttChannelAdapter, Task>?> ClientHandler)
{
    /// <summary>
    /// Hands a connected channel (a socket past its TLS handshake, or an in-process connection) to MQTTnet's server
    /// through the front: the packet size limit, client ids and identities. Returns when MQTTnet is done with it.
    /// </summary>
    public async Task ServeAsync(IMqttChannel connected, bool allowPacketFragmentation, MqttServerOptions serverOptions)
    {
        ArgumentNullException.ThrowIfNull(serverOptions);
        var channel = new PacketSizeLimitingChannel(connected, MaxPacketBytes);
        var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(serverOptions.WriterBufferSize, serverOptions.WriterBufferSizeMax));
        using var adapter = new BrokerFrontChannelAdapter(
            new MqttChannelAdapter(channel, formatter, MqttLogger) { AllowPacketFragmentation = allowPacketFragmentation },
            channel,
            Events,
            Authenticate);
        if (ClientHandler() is { } handler)
        {
            await handler(adapter).ConfigureAwait(false);
        }
    }
}
