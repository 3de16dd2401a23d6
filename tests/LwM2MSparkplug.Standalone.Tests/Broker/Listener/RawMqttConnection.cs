using System.Net.Sockets;
using System.Text;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Listener;

/// <summary>
/// A TCP connection that speaks MQTT byte by byte, for what a library client will not send: empty client ids, a fixed
/// header that lies about its length.
/// </summary>
sealed class RawMqttConnection : IDisposable
{
    static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    readonly TcpClient _client;
    readonly NetworkStream _stream;

    RawMqttConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawMqttConnection> OpenAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
        return new RawMqttConnection(client);
    }

    /// <summary>CONNECT with the given client id (empty allowed), no credentials, keep-alive 60 s; MQTT 5 with no properties.</summary>
    public static byte[] Connect(int protocolLevel, string clientId, bool cleanSession)
    {
        var id = Encoding.UTF8.GetBytes(clientId);
        List<byte> body = [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', (byte)protocolLevel, cleanSession ? (byte)0x02 : (byte)0x00, 0x00, 60];
        if (protocolLevel == 5)
        {
            body.Add(0x00);
        }
        body.AddRange([(byte)(id.Length >> 8), (byte)id.Length, .. id]);
        return [0x10, .. RemainingLength(body.Count), .. body];
    }

    public static byte[] RemainingLength(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            bytes.Add(value > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (value > 0);
        return [.. bytes];
    }

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes, TestContext.Current.CancellationToken);

    /// <summary>The next packet as (first byte, body), or null once the broker closed the connection.</summary>
    public async Task<(byte Header, byte[] Body)?> ReadPacketAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            var header = new byte[1];
            if (!await ReadExactlyAsync(header, timeout.Token))
            {
                return null;
            }
            var length = 0;
            var shift = 0;
            var digit = new byte[1];
            do
            {
                if (!await ReadExactlyAsync(digit, timeout.Token))
                {
                    return null;
                }
                length |= (digit[0] & 0x7F) << shift;
                shift += 7;
            }
            while ((digit[0] & 0x80) != 0);
            var body = new byte[length];
            return await ReadExactlyAsync(body, timeout.Token) ? (header[0], body) : null;
        }
        catch (IOException)
        {
            // A reset is a close too.
            return null;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker neither sent a packet nor closed the connection within {ReadTimeout.TotalSeconds} s.");
        }
    }

    async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = await _stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return read == buffer.Length;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
