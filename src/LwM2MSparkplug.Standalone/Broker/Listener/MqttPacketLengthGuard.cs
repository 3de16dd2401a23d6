namespace LwM2MSparkplug.Standalone.Broker.Listener;

/// <summary>
/// Follows the MQTT packets in one connection's inbound byte stream as the bytes pass, reading only the fixed headers and
/// skipping bodies by count, and says as soon as a fixed header claims a packet larger than the maximum: before anyone
/// allocates room for its body. Not thread-safe: one per connection, fed in stream order.
/// </summary>
public sealed class MqttPacketLengthGuard(int maxPacketBytes)
{
    /// <summary>MQTT 3.1.1 §2.2.3 and MQTT 5 §1.5.5: the remaining length takes one to four bytes.</summary>
    const int MaxRemainingLengthBytes = 4;

    int _bodyBytesLeft;
    int _headerBytesSeen;
    int _remainingLength;

    /// <summary>The largest packet let through, in bytes, fixed header included.</summary>
    public int MaxPacketBytes { get; } = maxPacketBytes;

    /// <summary>Size of the refused packet as its fixed header claims it, header included; 0 while none was refused.</summary>
    public long ClaimedPacketBytes { get; private set; }

    /// <summary>Takes the next bytes of the stream, in order, in chunks of any size.</summary>
    public PacketLengthCheck Inspect(ReadOnlySpan<byte> bytes)
    {
        var position = 0;
        while (position < bytes.Length)
        {
            if (_bodyBytesLeft > 0)
            {
                var skipped = Math.Min(_bodyBytesLeft, bytes.Length - position);
                _bodyBytesLeft -= skipped;
                position += skipped;
                continue;
            }
            var next = bytes[position++];
            if (_headerBytesSeen == 0)
            {
                // The packet type and flags.
                _headerBytesSeen = 1;
                _remainingLength = 0;
                continue;
            }
            _remainingLength |= (next & 0x7F) << (7 * (_headerBytesSeen - 1));
            _headerBytesSeen++;
            if ((next & 0x80) != 0)
            {
                if (_headerBytesSeen > MaxRemainingLengthBytes)
                {
                    return PacketLengthCheck.MalformedRemainingLength;
                }
                continue;
            }
            var packetBytes = (long)_headerBytesSeen + _remainingLength;
            if (packetBytes > MaxPacketBytes)
            {
                ClaimedPacketBytes = packetBytes;
                return PacketLengthCheck.TooLarge;
            }
            _bodyBytesLeft = _remainingLength;
            _headerBytesSeen = 0;
        }
        return PacketLengthCheck.Within;
    }
}
