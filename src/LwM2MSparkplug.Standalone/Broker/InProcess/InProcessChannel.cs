using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;
using MQTTnet.Exceptions;

namespace LwM2MSparkplug.Standalone.Broker.InProcess;

/// <summary>
/// One end of an MQTT connection inside the process: two pipes, what one end writes the other reads. It stands in for
/// a loopback socket between the standalone's own services and its broker, without the system calls and wake-ups
/// of TCP for every message. A full pipe holds the writer back, as a full socket buffer would.
/// </summary>
public sealed class InProcessChannel : IMqttChannel
{
    readonly PipeReader _input;
    readonly PipeWriter _output;
    // Reads and writes each come from one loop (MQTTnet's receive loop, its send lock); these only keep Dispose from
    // completing a pipe in the middle of one.
    readonly SemaphoreSlim _reading = new(1, 1);
    readonly SemaphoreSlim _writing = new(1, 1);
    int _closed;

    InProcessChannel(PipeReader input, PipeWriter output, EndPoint local, EndPoint remote)
    {
        _input = input;
        _output = output;
        LocalEndPoint = local;
        RemoteEndPoint = remote;
    }

    /// <summary>Two connected ends; a writer waits once <paramref name="bufferBytes"/> are unread.</summary>
    public static (InProcessChannel Client, InProcessChannel Server) CreatePair(long bufferBytes, string clientName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, 1);
        var options = new PipeOptions(pauseWriterThreshold: bufferBytes, resumeWriterThreshold: bufferBytes / 2, useSynchronizationContext: false);
        var toServer = new Pipe(options);
        var toClient = new Pipe(options);
        var client = new InProcessEndPoint(clientName);
        var server = new InProcessEndPoint("embedded broker");
        return (new InProcessChannel(toClient.Reader, toServer.Writer, client, server), new InProcessChannel(toServer.Reader, toClient.Writer, server, client));
    }

    public X509Certificate2? ClientCertificate => null;
    public EndPoint RemoteEndPoint { get; }
    public EndPoint LocalEndPoint { get; }
    public bool IsSecureConnection => false;

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Up to <paramref name="count"/> bytes the other end wrote; 0 once either end closed.</summary>
    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _closed) != 0)
            {
                return 0;
            }
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var data = result.Buffer;
            if (data.IsEmpty)
            {
                _input.AdvanceTo(data.End);
                return 0;
            }
            var read = (int)Math.Min(count, data.Length);
            data.Slice(0, read).CopyTo(buffer.AsSpan(offset, read));
            _input.AdvanceTo(data.GetPosition(read));
            return read;
        }
        finally
        {
            _reading.Release();
        }
    }

    public async Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _closed) != 0)
            {
                throw Closed();
            }
            foreach (var segment in buffer)
            {
                _output.Write(segment.Span);
            }
            var flushed = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                throw Closed();
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Closes this end: the other end reads 0 and its writes fail, as after a socket close.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        _input.CancelPendingRead();
        _output.CancelPendingFlush();
        _reading.Wait();
        _input.Complete();
        _reading.Release();
        _writing.Wait();
        _output.Complete();
        _writing.Release();
    }

    static MqttCommunicationException Closed() => new("The in-process MQTT connection is closed.");

    /// <summary>Where an in-process connection comes from, as logs and refusals show it.</summary>
    sealed class InProcessEndPoint(string name) : EndPoint
    {
        public override AddressFamily AddressFamily => AddressFamily.Unspecified;
        public override string ToString() => $"in-process:{name}";
    }
}
