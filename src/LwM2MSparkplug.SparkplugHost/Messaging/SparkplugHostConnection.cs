using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.SparkplugHost.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Messaging;

/// <summary>
/// The host application's MQTT session (Sparkplug 3.0 §5.2): Will = offline STATE with timestamp T; subscribe to
/// its own STATE topic and the Sparkplug namespace; then publish online STATE with the same T. Before an
/// intentional disconnect it publishes offline STATE. Also publishes the queued outbox (rebirth requests).
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
    public MqttConnection? Connection { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Connection = new MqttConnection(mqtt.Value, new MqttSessionDefinition
        {
            ClientId = options.Value.EffectiveClientId,
            CleanSession = true,
            Will = () =>
            {
                var offline = state.BeginSession(time.GetUtcNow());
                return new MqttWill(state.Topic, offline.ToJsonBytes(), MqttQualityOfServiceLevel.AtLeastOnce, Retain: true);
            },
            // Own STATE first, then the namespace: both before the STATE birth (tck-id-host-topic-phid-required-subscribe).
            Subscriptions =
            [
                MqttSessionDefinition.Subscription(state.Topic),
                MqttSessionDefinition.Subscription(options.Value.Subscription, MqttQualityOfServiceLevel.AtMostOnce),
            ],
            OnConnected = PublishOnlineAsync,
            OnMessage = handler.HandleAsync,
            OnDisconnected = _ =>
            {
                // Sparkplug 3.0 §5.x: a host that loses the broker can no longer vouch for any value.
                Log.BrokerLost(logger);
                registry.MarkAllStale(time.GetUtcNow());
                return Task.CompletedTask;
            },
        }, logger, time);
        Connection.Start();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Connection is not null)
        {
            await Connection.StopAsync(async (client, token) =>
            {
                // Offline STATE with the current time, so a late Will (older T) is ignored by edges.
                var offline = state.EndSession(time.GetUtcNow());
                await client.PublishAsync(SparkplugMessageHandler.CreateStateMessage(state.Topic, offline), token);
            }, cancellationToken);
            await Connection.DisposeAsync();
        }
    }

    /// <summary>Publishes a command now; throws when the broker connection is down.</summary>
    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var connection = Connection ?? throw new InvalidOperationException("The host connection has not started.");
        await connection.Client.PublishAsync(message, cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        outbox.RunAsync(() => Connection, logger, stoppingToken);

    async Task PublishOnlineAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var online = state.Online;
        await client.PublishAsync(SparkplugMessageHandler.CreateStateMessage(state.Topic, online), cancellationToken);
        Log.StateOnline(logger, state.HostId, online.Timestamp);
    }
}
