using System.Globalization;
using System.Text;
using LwM2MSparkplug.Standalone.Broker;
using LwM2MSparkplug.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Standalone.Tests.Broker;

public sealed class EmbeddedMqttBrokerTests
{
    const int Published = 400;
    const int MaxPending = 5;

    [Fact]
    public async Task A_slow_subscriber_loses_messages_only_as_counted_drops_and_sys_reports_them()
    {
        await using var broker = await TestBroker.StartAsync(options =>
        {
            options.MaxPendingMessagesPerClient = MaxPending;
            options.SysIntervalSeconds = 0.2;
        });
        var cancellationToken = TestContext.Current.CancellationToken;

        // The slow subscriber stops reading while its handler is blocked, so the broker's queue for it fills.
        using var gate = new SemaphoreSlim(0);
        var received = 0;
        using var slow = new MqttClientFactory().CreateMqttClient();
        slow.ApplicationMessageReceivedAsync += async _ =>
        {
            await gate.WaitAsync(cancellationToken);
            Interlocked.Increment(ref received);
            gate.Release();
        };
        await slow.ConnectAsync(Options(broker, "slow-subscriber"), cancellationToken);
        await slow.SubscribeAsync("spBv1.0/#", MqttQualityOfServiceLevel.AtMostOnce, cancellationToken);

        await using var publisher = await MqttProbe.ConnectAsync(broker.Port, "publisher");
        var payload = new byte[64 * 1024];
        for (var i = 0; i < Published; i++)
        {
            await publisher.PublishAsync("spBv1.0/G/DDATA/node/device", payload, MqttQualityOfServiceLevel.AtMostOnce);
        }
        await Eventually.UntilAsync(() => broker.Broker.Statistics.SparkplugPublishes == Published, "the broker received every publish");
        await Eventually.UntilAsync(() => broker.Broker.Statistics.Dropped > 0, "the full queue drops messages");

        gate.Release();

        await Eventually.UntilAsync(() => Volatile.Read(ref received) + broker.Broker.Statistics.Dropped == Published,
            $"delivered + dropped adds up to the {Published} published (delivered {Volatile.Read(ref received)}, dropped {broker.Broker.Statistics.Dropped})");
        var (clientId, reason, count) = Assert.Single(broker.Broker.Statistics.DroppedByClient());
        Assert.Equal("slow-subscriber", clientId);
        Assert.Equal(BrokerStatistics.QueueFull, reason);
        Assert.Equal(broker.Broker.Statistics.Dropped, count);

        await using var sys = await MqttProbe.ConnectAsync(broker.Port, "sys-reader", "$SYS/broker/publish/messages/#");
        await sys.WaitForAsync(m => m.Topic == "$SYS/broker/publish/messages/dropped" && ParseCount(m) == count, "$SYS reports the drop count");
        await sys.WaitForAsync(m => m.Topic == "$SYS/broker/publish/messages/received" && ParseCount(m) >= Published, "$SYS reports the publishes received");
    }

    [Fact]
    public async Task A_refused_connection_is_counted()
    {
        await using var broker = await TestBroker.StartAsync(options =>
        {
            options.RequireAuthentication = true;
            options.Username = "user";
            options.Password = "secret";
        });
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("localhost", broker.Port)
            .WithCredentials("user", "wrong").WithProtocolVersion(MqttProtocolVersion.V500).Build(), TestContext.Current.CancellationToken)
            .ContinueWith(task => task.IsFaulted ? null : task.Result, TestContext.Current.CancellationToken);

        Assert.NotEqual(MqttClientConnectResultCode.Success, result?.ResultCode);
        Assert.Equal(1, broker.Broker.Statistics.RefusedConnections);
    }

    static MqttClientOptions Options(TestBroker broker, string clientId) =>
        new MqttClientOptionsBuilder().WithTcpServer("localhost", broker.Port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500).Build();

    static long ParseCount(ReceivedMessage message) => long.Parse(Encoding.UTF8.GetString(message.Payload), CultureInfo.InvariantCulture);
}
