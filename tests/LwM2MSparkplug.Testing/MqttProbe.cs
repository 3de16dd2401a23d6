using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Testing;

/// <summary>A plain MQTT client for tests: records what it receives and publishes raw messages.</summary>
public sealed class MqttProbe : IAsyncDisposable
{
    readonly IMqttClient _client;
    readonly ConcurrentQueue<ReceivedMessage> _received = new();

    MqttProbe(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            var message = args.ApplicationMessage;
            _received.Enqueue(new ReceivedMessage(message.Topic, message.Payload.ToArray(), message.QualityOfServiceLevel, message.Retain));
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client => _client;
    public IReadOnlyCollection<ReceivedMessage> Received => _received;

    public static async Task<MqttProbe> ConnectAsync(int port, string clientId, params string[] subscriptions) =>
        await ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("localhost", port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500).Build(), subscriptions);

    public static async Task<MqttProbe> ConnectAsync(MqttClientOptions options, params string[] subscriptions)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var probe = new MqttProbe(client);
        await client.ConnectAsync(options, TestContext.Current.CancellationToken);
        foreach (var topic in subscriptions)
        {
            await client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce, TestContext.Current.CancellationToken);
        }
        return probe;
    }

    public Task PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qualityOfService = MqttQualityOfServiceLevel.AtLeastOnce, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qualityOfService)
            .WithRetainFlag(retain)
            .Build(), TestContext.Current.CancellationToken);

    public IReadOnlyList<ReceivedMessage> On(string topic) => [.. _received.Where(m => m.Topic == topic)];

    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> match, string because, TimeSpan? timeout = null)
    {
        ReceivedMessage? found = null;
        await Eventually.UntilAsync(() =>
        {
            found = _received.FirstOrDefault(match);
            return found is not null;
        }, because, timeout);
        return found!;
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

public sealed record ReceivedMessage(string Topic, byte[] Payload, MqttQualityOfServiceLevel QualityOfService, bool Retain)
{
    public ReadOnlySequence<byte> Sequence => new(Payload);
}
