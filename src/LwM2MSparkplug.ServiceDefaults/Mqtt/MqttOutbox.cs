using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>
/// Messages published from an MQTT receive callback (acknowledgements, rebirth requests, STATE). Queued, so the
/// receive loop never waits for a QoS 1 PUBACK it would itself have to read; bounded, and a full queue drops and counts.
/// Each message goes to one server: the one given, else the one that delivered the message being handled when it was
/// queued (an answer goes back where its question came from), else the first connected.
/// </summary>
public sealed partial class MqttOutbox
{
    readonly Channel<(MqttApplicationMessage Message, int? Server)> _channel = Channel.CreateBounded<(MqttApplicationMessage, int?)>(
        new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    long _dropped;

    /// <summary>Messages not queued because the outbox was full, or not published because their server was down.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(MqttApplicationMessage message, int? server = null)
    {
        if (!_channel.Writer.TryWrite((message, server ?? MqttReceivingServer.Current)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Publishes queued messages while their server is connected; messages for a server that is down are dropped.</summary>
    public async Task RunAsync(Func<MqttConnectionSet?> connections, ILogger logger, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        try
        {
            await foreach (var (message, server) in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (connections()?.For(server) is { IsConnected: true } current)
                    {
                        await current.Client.PublishAsync(message, stoppingToken);
                    }
                    else
                    {
                        Interlocked.Increment(ref _dropped);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogPublishFailed(logger, exception, message.Topic);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a queued message to {Topic}")]
    static partial void LogPublishFailed(ILogger logger, Exception exception, string topic);
}
