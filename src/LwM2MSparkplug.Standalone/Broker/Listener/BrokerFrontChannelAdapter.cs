using System.Net;
using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.Standalone.Broker.Access;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Standalone.Broker.Listener;

/// <summary>
/// One client connection as MQTTnet's server sees it, with what MQTTnet 5.2 does not do itself: an id for a client
/// that sends an empty one (<see cref="ClientIdAssignment"/>), the maximum packet size advertised in an MQTT 5 CONNACK,
/// and, when <see cref="PacketSizeLimitingChannel"/> ended the stream at an oversize packet, DISCONNECT 0x95 to an
/// MQTT 5 client and a <see cref="PacketRefusal"/> to <paramref name="events"/>; and the CONNACK 0x02 that MQTT 3.1.1
/// requires for an empty client id without a clean session, where MQTTnet's decoder just drops the connection. With
/// <paramref name="authenticate"/>, the client id becomes the client's identity whatever the client sent (MQTTnet's
/// connection validator cannot change it), told to an MQTT 5 client as the Assigned Client Identifier; the validator
/// reads the outcome from <see cref="Authentication"/>. A DISCONNECT 0x04 (Disconnect with Will Message), which MQTTnet
/// 5.2 treats as any clean DISCONNECT and so discards the Will, is handed to the broker to publish the Will
/// (MQTT 5 §3.14.2.1): what a Sparkplug edge node's intentional disconnect asks for.
/// </summary>
public sealed class BrokerFrontChannelAdapter(
    MqttChannelAdapter inner,
    PacketSizeLimitingChannel channel,
    BrokerFrontEvents events,
    Func<MqttConnectPacket, X509Certificate2?, Authentication>? authenticate) : IMqttChannelAdapter
{
    /// <summary>How long the DISCONNECT to a refused client may take before the connection is closed anyway.</summary>
    static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(1);

    string? _clientId;
    MqttApplicationMessage? _will;
    bool _clientIdAssigned;
    bool _connAckSent;

    /// <summary>Who the client is, once its CONNECT arrived and the broker requires authentication; else null.</summary>
    public Authentication? Authentication { get; private set; }

    public long BytesReceived => inner.BytesReceived;
    public long BytesSent => inner.BytesSent;
    public X509Certificate2 ClientCertificate => inner.ClientCertificate;
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => inner.LocalEndPoint;
    public bool IsSecureConnection => inner.IsSecureConnection;
    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    bool IsMqtt5 => inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V500;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<MqttPacket?> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        MqttPacket? packet;
        try
        {
            packet = await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (_clientId is null && IsEmptyClientIdWithoutCleanSession(exception))
        {
            await RefuseEmptyClientIdAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        if (packet is MqttConnectPacket connect)
        {
            _clientIdAssigned = ClientIdAssignment.TryAssign(connect, inner.PacketFormatterAdapter.ProtocolVersion);
            Authentication = authenticate?.Invoke(connect, inner.ClientCertificate);
            if (Authentication?.Identity is { } identity && identity.Name != connect.ClientId)
            {
                connect.ClientId = identity.Name;
                _clientIdAssigned = true;
            }
            _clientId = connect.ClientId;
            _will = WillOf(connect);
        }
        else if (packet is MqttDisconnectPacket { ReasonCode: MqttDisconnectReasonCode.DisconnectWithWillMessage } && _will is { } will && _clientId is { } clientId)
        {
            _will = null;
            events.WillRequested(clientId, will);
        }
        else if (packet is null && channel.Refusal != PacketLengthCheck.Within)
        {
            await RefuseAsync().ConfigureAwait(false);
        }
        return packet;
    }

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        if (packet is MqttConnAckPacket connAck && IsMqtt5)
        {
            // MQTT 5 §3.2.2.3.6: the client must not send larger packets; MQTTnet's CONNACK says "unlimited".
            connAck.MaximumPacketSize = (uint)channel.MaxPacketBytes;
            if (_clientIdAssigned && connAck.ReasonCode == MqttConnectReasonCode.Success)
            {
                connAck.AssignedClientIdentifier = _clientId;
            }
        }
        _connAckSent |= packet is MqttConnAckPacket;
        return inner.SendPacketAsync(packet, cancellationToken);
    }

    public void ResetStatistics() => inner.ResetStatistics();

    /// <summary>
    /// The Will of a CONNECT as the message to publish, or null without one. A Will Delay Interval is not honoured: the
    /// Will of a DISCONNECT 0x04 goes out at once (this project's clients set no delay).
    /// </summary>
    static MqttApplicationMessage? WillOf(MqttConnectPacket connect) =>
        !connect.WillFlag || string.IsNullOrEmpty(connect.WillTopic)
            ? null
            : new MqttApplicationMessageBuilder()
                .WithTopic(connect.WillTopic)
                .WithPayload(connect.WillMessage ?? [])
                .WithQualityOfServiceLevel(connect.WillQoS)
                .WithRetainFlag(connect.WillRetain)
                .Build();

    public void Dispose() => inner.Dispose();

    /// <summary>
    /// MQTTnet's 3.1.1 decoder throws on [MQTT-3.1.3-7] (wrapped or not, depending on where it is caught); the
    /// conformance id in its message is what tells this case apart from other violations.
    /// </summary>
    static bool IsEmptyClientIdWithoutCleanSession(Exception exception) =>
        (exception as MqttProtocolViolationException ?? exception.InnerException as MqttProtocolViolationException) is { } violation
        && violation.Message.Contains("MQTT-3.1.3-7", StringComparison.Ordinal);

    async Task RefuseEmptyClientIdAsync(CancellationToken cancellationToken)
    {
        events.EmptyClientIdRefused(inner.RemoteEndPoint);
        // MQTT 3.1.1 §3.1.3.1 [MQTT-3.1.3-9]: CONNACK with return code 0x02 (identifier rejected), then close.
        await inner.SendPacketAsync(new MqttConnAckPacket
        {
            ReturnCode = MqttConnectReturnCode.ConnectionRefusedIdentifierRejected,
            ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid,
        }, cancellationToken).ConfigureAwait(false);
    }

    async Task RefuseAsync()
    {
        events.PacketRefused(new PacketRefusal(channel.Refusal, channel.ClaimedPacketBytes, channel.MaxPacketBytes, _clientId, inner.RemoteEndPoint));
        if (!IsMqtt5 || !_connAckSent)
        {
            // MQTT 3.1.1 has no DISCONNECT from the server; before CONNACK, MQTT 5 has none either.
            return;
        }
        using var timeout = new CancellationTokenSource(DisconnectTimeout);
        try
        {
            await inner.SendPacketAsync(new MqttDisconnectPacket
            {
                ReasonCode = channel.Refusal == PacketLengthCheck.TooLarge ? MqttDisconnectReasonCode.PacketTooLarge : MqttDisconnectReasonCode.MalformedPacket,
                ReasonString = channel.Refusal == PacketLengthCheck.TooLarge
                    ? $"packet of {channel.ClaimedPacketBytes} bytes is above the broker's maximum packet size of {channel.MaxPacketBytes} bytes (BROKER_MAX_PACKET_BYTES)"
                    : "remaining length longer than four bytes",
            }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or MqttCommunicationException)
        {
            // The client is going away either way; the refusal is already reported.
        }
    }
}
