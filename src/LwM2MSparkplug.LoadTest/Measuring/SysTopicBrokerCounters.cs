using System.Buffers;
using System.Globalization;
using System.Text;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>
/// A broker's totals from its <c>$SYS</c> topics (Mosquitto's names, which the embedded broker publishes too):
/// <c>$SYS/broker/publish/messages/received</c> and <c>…/dropped</c>. The broker reports them every
/// <c>sys_interval</c>, so a fresh read waits for the next report.
/// </summary>
public sealed class SysTopicBrokerCounters : IBrokerCounters
{
    public const string ReceivedTopic = "$SYS/broker/publish/messages/received";
    public const string DroppedTopic = "$SYS/broker/publish/messages/dropped";

    readonly IMqttClient _client;
    readonly object _gate = new();
    long _received;
    long _dropped;
    long _reports;

    SysTopicBrokerCounters(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            var message = args.ApplicationMessage;
            if (long.TryParse(Encoding.UTF8.GetString(message.Payload.ToArray()), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                lock (_gate)
                {
                    if (message.Topic == ReceivedTopic)
                    {
                        _received = value;
                        _reports++;
                    }
                    else
                    {
                        _dropped = value;
                    }
                }
            }
            return Task.CompletedTask;
        };
    }

    public static async Task<SysTopicBrokerCounters> ConnectAsync(MqttConnectionOptions mqtt, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var counters = new SysTopicBrokerCounters(client);
        await client.ConnectAsync(MqttClientOptionsFactory.Create(mqtt, new MqttSessionDefinition { ClientId = $"loadtest-sys-{Guid.NewGuid():N}"[..24] }), cancellationToken);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(ReceivedTopic, MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(DroppedTopic, MqttQualityOfServiceLevel.AtMostOnce)
            .Build(), cancellationToken);
        return counters;
    }

    public async Task<BrokerSnapshot> ReadAsync(bool fresh, CancellationToken cancellationToken)
    {
        long reports;
        lock (_gate)
        {
            if (!fresh)
            {
                return new BrokerSnapshot(_received, _dropped, DroppedByClient: null);
            }
            reports = _reports;
        }
        // The next report comes within the broker's sys_interval (Mosquitto's default 10 s).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!timeout.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (_reports > reports)
                {
                    return new BrokerSnapshot(_received, _dropped, DroppedByClient: null);
                }
            }
            await Task.Delay(100, CancellationToken.None);
        }
        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"The broker published no {ReceivedTopic} for 30 s: is $SYS enabled (Mosquitto: sys_interval > 0) and may this client read it?");
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }
        _client.Dispose();
    }
}
