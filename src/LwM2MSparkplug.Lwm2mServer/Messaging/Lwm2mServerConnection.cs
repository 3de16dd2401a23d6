using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;

namespace LwM2MSparkplug.Lwm2mServer.Messaging;

/// <summary>
/// The server's MQTT connections, one per configured server: every device's uplink topics and the Sparkplug births
/// and deaths (to see a device's connection die), feeding the handler; publishes requests (to the server the device
/// registered on) and the queued acknowledgements (to the server the acknowledged message came from).
/// </summary>
public sealed class Lwm2mServerConnection(
    IOptions<MqttConnectionOptions> mqtt,
    IOptions<Lwm2mServerOptions> options,
    Lwm2mMessageHandler handler,
    MqttOutbox outbox,
    TimeProvider time,
    ILogger<Lwm2mServerConnection> logger) : BackgroundService
{
    /// <summary>Uplink topics of the JSON contract (docs/lwm2m-over-mqtt.md), and the Sparkplug node lifecycle.</summary>
    public static readonly IReadOnlyList<string> JsonSubscriptions =
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

    public MqttConnectionSet? Connections { get; private set; }

    /// <summary>
    /// The JSON contract's topics and the OMA binding's <c>[prefix/]lwm2m/rd/+</c>. The binding's topic carries the
    /// server's own requests too: No Local (MQTT 5) keeps the broker from echoing them back.
    /// </summary>
    public static IReadOnlyList<MqttTopicFilter> Subscriptions(string? omaPrefix) =>
    [
        .. JsonSubscriptions.Select(topic => MqttSessionDefinition.Subscription(topic)),
        new MqttTopicFilterBuilder().WithTopic(OmaTopic.FilterFor(omaPrefix, OmaInterface.Registration))
            .WithAtLeastOnceQoS().WithNoLocal().Build(),
    ];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Connections = new MqttConnectionSet(mqtt.Value, _ => new MqttSessionDefinition
        {
            ClientId = options.Value.ClientId,
            Subscriptions = Subscriptions(options.Value.OmaPrefix),
            OnMessage = handler.HandleAsync,
        }, logger, time);
        Connections.Start();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Connections is not null)
        {
            await Connections.StopAsync(null, cancellationToken);
            await Connections.DisposeAsync();
        }
    }

    /// <summary>The connection a device is reached through: the server it registered on (see <see cref="Registry.Registration.Server"/>).</summary>
    public MqttConnection? ConnectionFor(int? server) => Connections?.For(server);

    /// <summary>
    /// Publishes a request now, to <paramref name="server"/> (where the device registered); throws
    /// <see cref="MQTTnet.Exceptions.MqttClientNotConnectedException"/> while that server is disconnected.
    /// </summary>
    public async Task PublishAsync(MqttApplicationMessage message, int? server, CancellationToken cancellationToken)
    {
        var connection = ConnectionFor(server) ?? throw new InvalidOperationException("The server's MQTT connection has not started.");
        var result = await connection.Client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"The broker refused the request: {result.ReasonCode} {result.ReasonString}");
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        outbox.RunAsync(() => Connections, logger, stoppingToken);

    public static MqttApplicationMessage Message(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}
