using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.SparkplugHost.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Messaging;

/// <summary>
/// The host application's MQTT sessions, one per configured server (Sparkplug 3.0 §5.2, and its multiple-server
/// operation: the host is connected to all of them): Will = offline STATE with timestamp T; subscribe to its own
/// STATE topic and the Sparkplug namespace; then publish online STATE with the same T, each server with the T of its
/// own session. Before an intentional disconnect it publishes offline STATE on each. Also publishes the queued outbox
/// (rebirth requests, to the server the node is on).
/// </summary>
public sealed class SparkplugHostConnection(
    IOptions<MqttConnectionOptions> mqtt,
    IOptions<SparkplugHostOptions> options,
    HostApplicationState state,
    SparkplugMessageHandler handler,
    MqttOutbox outbox,
    EdgeNodeRegistry registry,
    TimeProvider time,
    ILogger<SparkplugHostConnection> logger) : BackgroundService
{
    public MqttConnectionSet? Connections { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Connections = new MqttConnectionSet(mqtt.Value, server => new MqttSessionDefinition
        {
            ClientId = options.Value.EffectiveClientId,
            CleanSession = true,
            Will = () =>
            {
                var offline = state.BeginSession(server, time.GetUtcNow());
                return new MqttWill(state.Topic, offline.ToJsonBytes(), MqttQualityOfServiceLevel.AtLeastOnce, Retain: true);
            },
            // Own STATE first, then the namespace: both before the STATE birth (tck-id-host-topic-phid-required-subscribe).
            Subscriptions =
            [
                MqttSessionDefinition.Subscription(state.Topic),
                MqttSessionDefinition.Subscription(options.Value.Subscription, MqttQualityOfServiceLevel.AtMostOnce),
            ],
            OnConnected = (client, token) => PublishOnlineAsync(server, client, token),
            OnMessage = handler.HandleAsync,
            OnDisconnected = _ =>
            {
                // Sparkplug 3.0 §5.x: a host that loses a server can no longer vouch for any value heard there.
                Log.BrokerLost(logger, Connections!.Connections[server].Broker);
                registry.MarkStale(server, time.GetUtcNow());
                return Task.CompletedTask;
            },
        }, logger, time);
        Connections.Start();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Connections is not null)
        {
            await Connections.StopAsync(async (_, client, token) =>
            {
                // Offline STATE with the current time, so a late Will (older T) is ignored by edges.
                var offline = state.EndSession(time.GetUtcNow());
                await client.PublishAsync(SparkplugMessageHandler.CreateStateMessage(state.Topic, offline), token);
            }, cancellationToken);
            await Connections.DisposeAsync();
        }
    }

    /// <summary>The connection to <paramref name="server"/> (where a node was last heard), or the first connected one.</summary>
    public MqttConnection? ConnectionFor(int? server) => Connections?.For(server);

    /// <summary>Publishes a command now to <paramref name="server"/> (where its node is); throws when that connection is down.</summary>
    public async Task PublishAsync(MqttApplicationMessage message, int? server, CancellationToken cancellationToken)
    {
        var connection = ConnectionFor(server) ?? throw new InvalidOperationException("The host connection has not started.");
        await connection.Client.PublishAsync(message, cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        outbox.RunAsync(() => Connections, logger, stoppingToken);

    async Task PublishOnlineAsync(int server, IMqttClient client, CancellationToken cancellationToken)
    {
        var online = state.OnlineOn(server);
        await client.PublishAsync(SparkplugMessageHandler.CreateStateMessage(state.Topic, online), cancellationToken);
        Log.StateOnline(logger, state.HostId, online.Timestamp);
    }
}
