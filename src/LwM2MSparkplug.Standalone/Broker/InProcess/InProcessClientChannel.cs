using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace LwM2MSparkplug.Standalone.Broker.InProcess;

/// <summary>
/// The client's side of an in-process connection as MQTTnet's client uses a channel: made per connect attempt,
/// connected by <see cref="ConnectAsync"/> (where the broker takes the other end, or refuses when it is not running).
/// </summary>
sealed class InProcessClientChannel(Func<InProcessChannel> connect) : IMqttChannel
{
    InProcessChannel? _connection;

    InProcessChannel Connection => _connection ?? throw new InvalidOperationException("The in-process MQTT connection is not open.");

    public X509Certificate2? ClientCertificate => null;
    public EndPoint? RemoteEndPoint => _connection?.RemoteEndPoint;
    public EndPoint? LocalEndPoint => _connection?.LocalEndPoint;
    public bool IsSecureConnection => false;

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _connection = connect();
        return Task.CompletedTask;
    }

    public Task DisconnectAsync(CancellationToken cancellationToken) => _connection?.DisconnectAsync(cancellationToken) ?? Task.CompletedTask;

    public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Connection.ReadAsync(buffer, offset, count, cancellationToken);

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) => Connection.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public void Dispose() => _connection?.Dispose();
}
