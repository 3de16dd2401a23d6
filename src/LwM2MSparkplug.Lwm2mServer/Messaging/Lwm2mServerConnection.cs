using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>
/// The server's MQTT connection: every device's uplink topics and the Sparkplug births and deaths (to see a device's
/// connection die), feeding the handler; publishes requests and the queued acknowledgements.
/// </summary>
public sealed class Lwm2mServerConnection(
    IOptions<MqttConnectionOptions> mqtt,
    IOptions<Lwm2mServerOptions> options,
    Lwm2mMessageHandler handler,
    MqttOutbox outbox,
    TimeProvider time,
    ILogger<Lwm2mServerConnection> logger) : BackgroundService
{
    /// <summary>Uplink topics of the wire contract (docs/lwm2m-over-mqtt.md), and the Sparkplug node lifecycle.</summary>
    public static readonly IReadOnlyList<string> Subscriptions =
    [
        "lwm2m/+/reg",
        "lwm2m/+/update",
        "lwm2m/+/dereg",
        "lwm2m/+/resp/#",
        "lwm2m/+/notify/#",
        "lwm2m/+/send",
        "lwm2m/+/send/+",
        "spBv1.0/+/NBIRTH/+",
        "spBv1.0/+/NDEATH/+",
    ];

    public MqttConnection? Connection { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Connection = new MqttConnection(mqtt.Value, new MqttSessionDefinition
        {
            ClientId = options.Value.ClientId,
            Subscriptions = [.. Subscriptions.Select(topic => MqttSessionDefinition.Subscription(topic))],
            OnMessage = handler.HandleAsync,
        }, logger, time);
        Connection.Start();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Connection is not null)
        {
            await Connection.StopAsync(null, cancellationToken);
            await Connection.DisposeAsync();
        }
    }

    /// <summary>Publishes a request now; throws <see cref="MQTTnet.Exceptions.MqttClientNotConnectedException"/> while disconnected.</summary>
    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var connection = Connection ?? throw new InvalidOperationException("The server's MQTT connection has not started.");
        var result = await connection.Client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"The broker refused the request: {result.ReasonCode} {result.ReasonString}");
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        outbox.RunAsync(() => Connection, logger, stoppingToken);

    public static MqttApplicationMessage Message(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}
