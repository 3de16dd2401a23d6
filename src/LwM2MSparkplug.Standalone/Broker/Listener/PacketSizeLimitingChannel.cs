using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace LwM2MSparkplug.Standalone.Broker.Listener;

/// <summary>
/// An MQTTnet channel that ends the inbound stream at a packet whose fixed header claims more than the maximum packet
/// size (or a malformed length), so MQTTnet's reader, which allocates the claimed length as soon as it has read the
/// header, sees the end of the connection instead. The bytes are only looked at in place, not copied.
/// </summary>
public sealed class PacketSizeLimitingChannel(IMqttChannel inner, int maxPacketBytes) : IMqttChannel
{
    readonly MqttPacketLengthGuard _guard = new(maxPacketBytes);

    /// <summary>Why the stream was ended; <see cref="PacketLengthCheck.Within"/> while it was not.</summary>
    public PacketLengthCheck Refusal { get; private set; }

    /// <inheritdoc cref="MqttPacketLengthGuard.ClaimedPacketBytes"/>
    public long ClaimedPacketBytes => _guard.ClaimedPacketBytes;

    public int MaxPacketBytes => _guard.MaxPacketBytes;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => inner.LocalEndPoint;
    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (Refusal != PacketLengthCheck.Within)
        {
            return 0;
        }
        var read = await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        var check = _guard.Inspect(buffer.AsSpan(offset, read));
        if (check == PacketLengthCheck.Within)
        {
            return read;
        }
        // MQTTnet reads the header a byte at a time, so nothing it has not yet been given is withheld but the refused packet.
        Refusal = check;
        return 0;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public void Dispose() => inner.Dispose();
}
