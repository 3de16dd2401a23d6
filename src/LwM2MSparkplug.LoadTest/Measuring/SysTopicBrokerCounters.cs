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
/// <c>sys_interval</c>, so a fresh read waits for the next reports. Mosquitto (2.0) publishes a total only when it
/// changed, but <c>$SYS/broker/uptime</c> at every report, first; the embedded broker publishes both totals every
/// time and no uptime. A report is therefore marked by the uptime, or by the received total where the broker has no
/// uptime, and a fresh read waits for two marks: every total of the first report has arrived before the second mark.
/// </summary>
public sealed class SysTopicBrokerCounters : IBrokerCounters
{
    public const string ReceivedTopic = "$SYS/broker/publish/messages/received";
    public const string DroppedTopic = "$SYS/broker/publish/messages/dropped";
    public const string UptimeTopic = "$SYS/broker/uptime";

    readonly IMqttClient _client;
    readonly object _gate = new();
    long _received;
    long _dropped;
    long _reports;
    bool _uptimeSeen;
    bool _droppedSeen;

    SysTopicBrokerCounters(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            Receive(args.ApplicationMessage.Topic, Encoding.UTF8.GetString(args.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
    }

    /// <summary>One <c>$SYS</c> message: a total, or the uptime (<c>"12 seconds"</c>) that starts a Mosquitto report.</summary>
    void Receive(string topic, string payload)
    {
        lock (_gate)
        {
            if (topic == UptimeTopic)
            {
                _uptimeSeen = true;
                _reports++;
            }
            else if (long.TryParse(payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                if (topic == ReceivedTopic)
                {
                    _received = value;
                    if (!_uptimeSeen)
                    {
                        _reports++;
                    }
                }
                else if (topic == DroppedTopic)
                {
                    _dropped = value;
                    _droppedSeen = true;
                }
            }
        }
    }

    public static async Task<SysTopicBrokerCounters> ConnectAsync(MqttConnectionOptions mqtt, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var counters = new SysTopicBrokerCounters(client);
        await client.ConnectAsync(MqttClientOptionsFactory.Create(mqtt, new MqttSessionDefinition { ClientId = $"loadtest-sys-{Guid.NewGuid():N}"[..24] }), cancellationToken);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(ReceivedTopic, MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(DroppedTopic, MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(UptimeTopic, MqttQualityOfServiceLevel.AtMostOnce)
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
        // Two reports come within twice the broker's sys_interval (Mosquitto's default 10 s; it reports every interval + 1 s).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!timeout.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (_reports >= reports + 2)
                {
                    // Retained, so it arrives at the subscription even when it never changes: a broker without it would read as "nothing dropped".
                    return _droppedSeen
                        ? new BrokerSnapshot(_received, _dropped, DroppedByClient: null)
                        : throw new InvalidOperationException($"The broker publishes {ReceivedTopic} but not {DroppedTopic}: its drops could not be counted.");
                }
            }
            await Task.Delay(100, CancellationToken.None);
        }
        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"The broker published neither {UptimeTopic} nor {ReceivedTopic} twice in 30 s: is $SYS enabled (Mosquitto: sys_interval > 0, at most 10) and may this client read it?");
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
