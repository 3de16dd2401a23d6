using System.Buffers;
using LwM2MSparkplug.Standalone.Broker.InProcess;
using MQTTnet.Exceptions;

namespace LwM2MSparkplug.Standalone.Tests.Broker.InProcess;

public sealed class InProcessChannelTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task What_one_end_writes_the_other_reads_in_order()
    {
        var (client, server) = InProcessChannel.CreatePair(1024, "test");

        await client.WriteAsync(new ReadOnlySequence<byte>([1, 2, 3]), isEndOfPacket: true, Cancellation);
        await client.WriteAsync(new ReadOnlySequence<byte>([4]), isEndOfPacket: true, Cancellation);
        var buffer = new byte[8];
        var read = 0;
        while (read < 4)
        {
            read += await server.ReadAsync(buffer, read, buffer.Length - read, Cancellation);
        }

        Assert.Equal([1, 2, 3, 4], buffer[..read]);
    }

    [Fact]
    public async Task A_read_takes_no_more_than_it_asks_for_and_leaves_the_rest()
    {
        var (client, server) = InProcessChannel.CreatePair(1024, "test");
        await server.WriteAsync(new ReadOnlySequence<byte>([1, 2, 3, 4, 5]), isEndOfPacket: true, Cancellation);
        var buffer = new byte[5];

        var first = await client.ReadAsync(buffer, 0, 2, Cancellation);
        var second = await client.ReadAsync(buffer, 2, 3, Cancellation);

        Assert.Equal((2, 3), (first, second));
        Assert.Equal([1, 2, 3, 4, 5], buffer);
    }

    [Fact]
    public async Task Once_one_end_closes_the_other_reads_nothing_more_and_cannot_write()
    {
        var (client, server) = InProcessChannel.CreatePair(1024, "test");
        var pending = server.ReadAsync(new byte[4], 0, 4, Cancellation);

        client.Dispose();

        Assert.Equal(0, await pending.WaitAsync(TimeSpan.FromSeconds(10), Cancellation));
        await Assert.ThrowsAsync<MqttCommunicationException>(() => server.WriteAsync(new ReadOnlySequence<byte>([1]), true, Cancellation));
        await Assert.ThrowsAsync<MqttCommunicationException>(() => client.WriteAsync(new ReadOnlySequence<byte>([1]), true, Cancellation));
        Assert.Equal(0, await client.ReadAsync(new byte[4], 0, 4, Cancellation));
    }

    [Fact]
    public async Task A_writer_waits_once_a_buffer_is_unread_and_goes_on_once_the_reader_catches_up()
    {
        var (client, server) = InProcessChannel.CreatePair(64, "test");
        var half = new ReadOnlySequence<byte>(new byte[32]);
        await client.WriteAsync(half, true, Cancellation);

        var blocked = client.WriteAsync(half, true, Cancellation);

        Assert.False(blocked.IsCompleted, "the second write waits: 64 bytes are unread");
        var buffer = new byte[64];
        var read = 0;
        while (read < 64)
        {
            read += await server.ReadAsync(buffer, read, 64 - read, Cancellation);
        }
        await blocked.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
    }

    [Fact]
    public async Task Closing_an_end_releases_its_own_writer_that_waits_on_a_full_buffer()
    {
        var (client, _) = InProcessChannel.CreatePair(16, "test");
        await client.WriteAsync(new ReadOnlySequence<byte>(new byte[8]), true, Cancellation);
        var blocked = client.WriteAsync(new ReadOnlySequence<byte>(new byte[8]), true, Cancellation);
        Assert.False(blocked.IsCompleted, "the write waits: 16 bytes are unread");

        client.Dispose();

        await Assert.ThrowsAsync<MqttCommunicationException>(() => blocked.WaitAsync(TimeSpan.FromSeconds(10), Cancellation));
    }

    [Fact]
    public void Both_ends_say_where_they_are()
    {
        var (client, server) = InProcessChannel.CreatePair(16, "client 7");

        Assert.Equal("in-process:client 7", client.LocalEndPoint.ToString());
        Assert.Equal("in-process:client 7", server.RemoteEndPoint.ToString());
        Assert.Equal("in-process:embedded broker", client.RemoteEndPoint.ToString());
        Assert.False(client.IsSecureConnection);
    }
}
