using Microsoft.Extensions.Logging;
using MQTTnet;

namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>
/// A service's connections to every configured MQTT server at once (<see cref="MqttConnectionOptions.Servers"/>):
/// one <see cref="MqttConnection"/> per server, each with the session the factory gives for that server. A device
/// is on one server at a time and may move, so a service that must see every device listens on all of them and
/// answers a device on the server it was last heard on.
/// </summary>
public sealed class MqttConnectionSet : IAsyncDisposable
{
    public MqttConnectionSet(MqttConnectionOptions options, Func<int, MqttSessionDefinition> session, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(session);
        Connections = [.. options.ServerList().Select((server, index) => new MqttConnection(server, session(index), logger, time) { ServerIndex = index })];
    }

    /// <summary>One connection per server, in the configured order.</summary>
    public IReadOnlyList<MqttConnection> Connections { get; }

    /// <summary>True while at least one server is connected.</summary>
    public bool IsConnected => Connections.Any(connection => connection.IsConnected);

    /// <summary>The first server in the configured order that is connected, or null.</summary>
    public MqttConnection? FirstConnected => Connections.FirstOrDefault(connection => connection.IsConnected);

    /// <summary>
    /// The connection to server <paramref name="server"/> (something was last heard there), or with no server
    /// known the first connected one; null when that server is not configured.
    /// </summary>
    public MqttConnection? For(int? server) =>
        server switch
        {
            null => FirstConnected ?? Connections[0],
            { } index when index >= 0 && index < Connections.Count => Connections[index],
            _ => null,
        };

    public void Start()
    {
        foreach (var connection in Connections)
        {
            connection.Start();
        }
    }

    /// <summary>Completes when every server has been connected once.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Connections.Select(connection => connection.WaitUntilConnectedAsync(cancellationToken)));

    /// <summary>Stops every connection, running <paramref name="beforeDisconnect"/> on each that is up (with its server's position).</summary>
    public Task StopAsync(Func<int, IMqttClient, CancellationToken, Task>? beforeDisconnect, CancellationToken cancellationToken) =>
        Task.WhenAll(Connections.Select(connection => connection.StopAsync(
            beforeDisconnect is null ? null : (client, token) => beforeDisconnect(connection.ServerIndex, client, token),
            cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections)
        {
            await connection.DisposeAsync();
        }
    }
}
