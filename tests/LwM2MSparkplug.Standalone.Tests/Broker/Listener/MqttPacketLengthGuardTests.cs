using LwM2MSparkplug.Standalone.Broker.Listener;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Listener;

public sealed class MqttPacketLengthGuardTests
{
    const int Max = 1000;

    [Fact]
    public void Packets_up_to_the_maximum_pass_whole_or_byte_by_byte()
    {
        // PINGREQ (2 bytes), then a PUBLISH of exactly Max bytes: 1 type byte, 2 length bytes, 997 body bytes.
        byte[] stream = [0xC0, 0x00, 0x30, .. RawMqttConnection.RemainingLength(Max - 3), .. new byte[Max - 3], 0xC0, 0x00];

        Assert.Equal(PacketLengthCheck.Within, new MqttPacketLengthGuard(Max).Inspect(stream));
        var byteByByte = new MqttPacketLengthGuard(Max);
        Assert.All(stream, b => Assert.Equal(PacketLengthCheck.Within, byteByByte.Inspect([b])));
    }

    [Fact]
    public void A_header_claiming_one_byte_more_than_the_maximum_is_refused_at_its_last_length_byte()
    {
        var guard = new MqttPacketLengthGuard(Max);
        byte[] header = [0x30, .. RawMqttConnection.RemainingLength(Max - 2)];

        Assert.Equal(PacketLengthCheck.Within, guard.Inspect(header.AsSpan(0, header.Length - 1)));
        Assert.Equal(PacketLengthCheck.TooLarge, guard.Inspect(header.AsSpan(header.Length - 1)));
        Assert.Equal(Max + 1, guard.ClaimedPacketBytes);
    }

    [Fact]
    public void A_header_claiming_256_MB_after_a_valid_packet_is_refused()
    {
        var guard = new MqttPacketLengthGuard(Max);

        var check = guard.Inspect([0x30, 0x03, 0x00, 0x01, (byte)'t', 0x30, 0xFF, 0xFF, 0xFF, 0x7F]);

        Assert.Equal(PacketLengthCheck.TooLarge, check);
        Assert.Equal(268_435_455 + 5, guard.ClaimedPacketBytes);
    }

    [Fact]
    public void A_remaining_length_of_five_bytes_is_malformed()
    {
        var guard = new MqttPacketLengthGuard(int.MaxValue);

        Assert.Equal(PacketLengthCheck.MalformedRemainingLength, guard.Inspect([0x30, 0x80, 0x80, 0x80, 0x80, 0x01]));
    }

    [Fact]
    public void Body_bytes_that_look_like_a_large_header_are_skipped()
    {
        var guard = new MqttPacketLengthGuard(Max);

        Assert.Equal(PacketLengthCheck.Within, guard.Inspect([0x30, 0x05, 0x30, 0xFF, 0xFF, 0xFF, 0x7F, 0xE0, 0x00]));
    }
}
