using System.Diagnostics;
using System.Globalization;
using LwM2MSparkplug.LoadTest.Measuring;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Testing;
using MQTTnet;

namespace LwM2MSparkplug.LoadTest.Tests.Measuring;

/// <summary>
/// The <c>$SYS</c> totals of both brokers the load test reads them from: Debian's Mosquitto (which publishes a total
/// only when it changed) and the embedded broker (which publishes every total every interval).
/// </summary>
public sealed class SysTopicBrokerCountersTests
{
    [Fact]
    public async Task Mosquitto_AFreshReadReturnsWhenNothingChanged_AndCountsEveryPublish()
    {
        await using var mosquitto = await Mosquitto.StartAsync();
        var connection = new MqttConnectionOptions { Host = "localhost", Port = mosquitto.Port };
        await using var counters = await SysTopicBrokerCounters.ConnectAsync(connection, TestContext.Current.CancellationToken);

        var first = await counters.ReadAsync(fresh: true, TestContext.Current.CancellationToken);
        // No publish in between: Mosquitto does not publish the received total again, but its uptime marks the report.
        var idle = await counters.ReadAsync(fresh: true, TestContext.Current.CancellationToken);
        await PublishAsync(connection, 5);
        var after = await counters.ReadAsync(fresh: true, TestContext.Current.CancellationToken);

        Assert.Equal(first.Received, idle.Received);
        Assert.Equal(5, after.Received - first.Received);
        Assert.Equal(0, after.Dropped);
        Assert.Null(after.DroppedByClient);
    }

    [Fact]
    public async Task EmbeddedBroker_AFreshReadCountsThePublishesBeforeIt()
    {
        await using var broker = await TestBroker.StartAsync(options => options.SysIntervalSeconds = 0.2);
        await using var counters = await SysTopicBrokerCounters.ConnectAsync(broker.ClientOptions(), TestContext.Current.CancellationToken);

        var first = await counters.ReadAsync(fresh: true, TestContext.Current.CancellationToken);
        await PublishAsync(broker.ClientOptions(), 3);
        var after = await counters.ReadAsync(fresh: true, TestContext.Current.CancellationToken);

        // It counts its own $SYS messages as received too, so: at least the three.
        Assert.InRange(after.Received - first.Received, 3, long.MaxValue);
    }

    static async Task PublishAsync(MqttConnectionOptions connection, int count)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(MqttClientOptionsFactory.Create(connection, new MqttSessionDefinition { ClientId = "sys-test-publisher" }), TestContext.Current.CancellationToken);
        for (var i = 0; i < count; i++)
        {
            // QoS 1, so every publish has reached the broker when the loop ends.
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("test/sys").WithPayload("x").WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), TestContext.Current.CancellationToken);
        }
        await client.DisconnectAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Debian's <c>mosquitto</c>, anonymous on one plain port, with <c>sys_interval 1</c>.</summary>
    sealed class Mosquitto : IAsyncDisposable
    {
        readonly TemporaryDirectory _directory = new();
        Process? _process;

        public int Port { get; } = FreePorts.Next();

        public static async Task<Mosquitto> StartAsync()
        {
            var binary = RequiredTool.Find("mosquitto", "Debian package mosquitto");
            var mosquitto = new Mosquitto();
            var configuration = Path.Combine(mosquitto._directory.Path, "mosquitto.conf");
            await File.WriteAllTextAsync(configuration, $"""
                listener {mosquitto.Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1
                allow_anonymous true
                persistence false
                sys_interval 1
                {(Environment.UserName == "root" ? "user root" : "")}
                """, TestContext.Current.CancellationToken);
            var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(configuration);
            mosquitto._process = Process.Start(start)!;
            await Eventually.UntilAsync(() => mosquitto._process.HasExited ? throw new InvalidOperationException("mosquitto exited: " + mosquitto._process.StandardError.ReadToEnd()) : FreePorts.IsListening(mosquitto.Port), "mosquitto listens");
            return mosquitto;
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
            _process?.Dispose();
            _directory.Dispose();
        }
    }
}
