using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>
/// Messages published from an MQTT receive callback (acknowledgements, rebirth requests, STATE). Queued, so the
/// receive loop never waits for a QoS 1 PUBACK it would itself have to read; bounded, and a full queue drops and counts.
/// </summary>
public sealed partial class MqttOutbox
{
    readonly Channel<MqttApplicationMessage> _channel = Channel.CreateBounded<MqttApplicationMessage>(
        new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    long _dropped;

    /// <summary>Messages not queued because the outbox was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(MqttApplicationMessage message)
    {
        if (!_channel.Writer.TryWrite(message))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Publishes queued messages while <paramref name="connection"/> is up; messages queued while it is down are dropped.</summary>
    public async Task RunAsync(Func<MqttConnection?> connection, ILogger logger, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            await foreach (var message in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (connection() is { IsConnected: true } current)
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
