using System.Net;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;

namespace LwM2MSparkplug.Standalone.Broker.InProcess;

/// <summary>
/// Lets the standalone's own services reach its embedded broker in memory (<see cref="InProcessChannel"/>) when they
/// connect to its plain port on this machine; every other connection (TLS, another broker, another port) goes over
/// TCP as MQTTnet would make it. What the broker sees is the same MQTT: CONNECT with the service's account,
/// subscriptions, acknowledgements, keep-alive.
/// </summary>
/// <param name="plainPort">The embedded broker's plain MQTT port, the one the services are given.</param>
/// <param name="connect">Opens a connection to the broker and returns the client's end.</param>
public sealed class InProcessClientAdapterFactory(int plainPort, Func<long, InProcessChannel> connect) : IMqttClientAdapterFactory
{
    static readonly MqttClientAdapterFactory OverTcp = new();

    public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ChannelOptions is not MqttClientTcpOptions tcp || !IsThisBroker(tcp))
        {
            return OverTcp.CreateClientAdapter(options, packetInspector, logger);
        }
        var formatter = new MqttPacketFormatterAdapter(options.ProtocolVersion, new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
        return new MqttChannelAdapter(new InProcessClientChannel(() => connect(tcp.BufferSize)), formatter, logger)
        {
            AllowPacketFragmentation = options.AllowPacketFragmentation,
            PacketInspector = packetInspector,
        };
    }

    bool IsThisBroker(MqttClientTcpOptions tcp) =>
        tcp.TlsOptions?.UseTls != true && tcp.RemoteEndpoint switch
        {
            DnsEndPoint dns => dns.Port == plainPort && string.Equals(dns.Host, "localhost", StringComparison.OrdinalIgnoreCase),
            IPEndPoint ip => ip.Port == plainPort && IPAddress.IsLoopback(ip.Address),
            _ => false,
        };
}
