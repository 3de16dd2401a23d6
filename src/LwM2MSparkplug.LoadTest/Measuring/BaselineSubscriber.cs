using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>
/// The baseline's one plain subscriber: takes every baseline message the broker delivers, decodes its Sparkplug
/// payload as the host would, and records the latency from the payload timestamp.
/// </summary>
public sealed class BaselineSubscriber : IAsyncDisposable
{
    readonly IMqttClient _client;
    long _received;

    BaselineSubscriber(IMqttClient client, string clientId)
    {
        _client = client;
        ClientId = clientId;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            Interlocked.Increment(ref _received);
            try
            {
                var payload = Payload.Parser.ParseFrom(args.ApplicationMessage.Payload);
                if (payload.HasTimestamp)
                {
                    Latency.Record(DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(payload.Timestamp, long.MaxValue / 2)));
                }
            }
            catch (Google.Protobuf.InvalidProtocolBufferException)
            {
                // Counted as received all the same: the baseline measures delivery.
            }
            return Task.CompletedTask;
        };
    }

    public string ClientId { get; }
    public long Received => Interlocked.Read(ref _received);
    public LatencyHistogram Latency { get; private set; } = new();

    public static async Task<BaselineSubscriber> ConnectAsync(MqttConnectionOptions mqtt, string topicFilter, int qualityOfService, CancellationToken cancellationToken)
    {
        var clientId = "loadtest-baseline-" + Guid.NewGuid().ToString("N")[..8];
        var client = new MqttClientFactory().CreateMqttClient();
        var subscriber = new BaselineSubscriber(client, clientId);
        await client.ConnectAsync(MqttClientOptionsFactory.Create(mqtt, new MqttSessionDefinition { ClientId = clientId }), cancellationToken);
        await client.SubscribeAsync(topicFilter, (MqttQualityOfServiceLevel)qualityOfService, cancellationToken);
        return subscriber;
    }

    /// <summary>Forgets the latencies so far (after the warm-up).</summary>
    public void ResetLatency() => Latency = new LatencyHistogram();

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }
        _client.Dispose();
    }
}
