using System.Threading.Channels;
using MQTTnet;

namespace LwM2MSparkplug.SparkplugHost.Messaging;

/// <summary>
/// Messages the host publishes from its receive path (rebirth requests, STATE republish). Queued so the
/// MQTT receive loop never waits on a publish; bounded, and a full queue drops and counts.
/// </summary>
public sealed class SparkplugOutbox
{
    readonly Channel<MqttApplicationMessage> _channel = Channel.CreateBounded<MqttApplicationMessage>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public long Dropped { get; private set; }

    public void Enqueue(MqttApplicationMessage message)
    {
        if (!_channel.Writer.TryWrite(message))
        {
            Dropped++;
        }
    }

    public ChannelReader<MqttApplicationMessage> Reader => _channel.Reader;
}
