using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>The server's MQTT connection: subscribes to every device's uplink topics and feeds the handler.</summary>
public sealed class Lwm2mServerConnection(
    IOptions<MqttConnectionOptions> mqtt,
    IOptions<Lwm2mServerOptions> options,
    Lwm2mMessageHandler handler,
    ILogger<Lwm2mServerConnection> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>Uplink topics of the wire contract (docs/lwm2m-over-mqtt.md).</summary>
    public static readonly IReadOnlyList<string> Subscriptions =
    [
        "lwm2m/+/reg",
        "lwm2m/+/update",
        "lwm2m/+/dereg",
        "lwm2m/+/resp/#",
        "lwm2m/+/notify/#",
        "lwm2m/+/send",
    ];

    public MqttConnection? Connection { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Connection = new MqttConnection(mqtt.Value, new MqttSessionDefinition
        {
            ClientId = options.Value.ClientId,
            Subscriptions = [.. Subscriptions.Select(topic => MqttSessionDefinition.Subscription(topic))],
            OnMessage = handler.HandleAsync,
        }, logger);
        Connection.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        Connection?.StopAsync(null, cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => Connection?.DisposeAsync() ?? ValueTask.CompletedTask;
}
