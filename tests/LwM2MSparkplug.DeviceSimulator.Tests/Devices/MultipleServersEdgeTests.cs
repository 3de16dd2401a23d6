using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Protocols.Sparkplug.State;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Devices;

/// <summary>
/// Sparkplug 3.0 edge nodes with several MQTT servers (the TCK's edge multiple-broker test, on two embedded
/// brokers): connected to one server at a time, births only where the primary host is online, and a walk to the
/// next server when the primary host goes offline on the current one.
/// </summary>
public sealed class MultipleServersEdgeTests : IAsyncLifetime
{
    const string Host = "scada-multi";
    const string NodeBirth = "spBv1.0/T/NBIRTH/walker";
    const string NodeDeath = "spBv1.0/T/NDEATH/walker";

    readonly TemporaryDirectory _state = new();
    readonly TestDevices _devices = new();
    TestBroker _first = null!;
    TestBroker _second = null!;
    MqttProbe _onFirst = null!;
    MqttProbe _onSecond = null!;

    public async ValueTask InitializeAsync()
    {
        _first = await TestBroker.StartAsync();
        _second = await TestBroker.StartAsync();
        _onFirst = await MqttProbe.ConnectAsync(_first.Port, "host-on-first", "spBv1.0/#");
        _onSecond = await MqttProbe.ConnectAsync(_second.Port, "host-on-second", "spBv1.0/#");
    }

    [Fact]
    public async Task TheEdgeNode_WalksToTheNextServer_WhenThePrimaryHostGoesOffline_AndIsBornOnlyWhereItIsOnline()
    {
        await _onFirst.PublishAsync($"spBv1.0/STATE/{Host}", new HostState(true, 1000).ToJsonBytes(), retain: true);
        await _onSecond.PublishAsync($"spBv1.0/STATE/{Host}", new HostState(true, 1000).ToJsonBytes(), retain: true);
        var device = Start();

        var firstBirth = await _onFirst.WaitForAsync(m => m.Topic == NodeBirth, "births on the first server, where the primary host is online");
        Assert.Equal(_first.PlainUri, device.Server);
        Assert.False(await IsConnectedToAsync(_second), "never connected to two servers at once");

        // The primary host goes offline on the first server: NDEATH there, then births on the second.
        await _onFirst.PublishAsync($"spBv1.0/STATE/{Host}", new HostState(false, 2000).ToJsonBytes(), retain: true);
        var death = await _onFirst.WaitForAsync(m => m.Topic == NodeDeath, "an NDEATH on the first server");
        var secondBirth = await _onSecond.WaitForAsync(m => m.Topic == NodeBirth, "births on the second server");
        Assert.Equal(BdSeqOf(firstBirth), BdSeqOf(death));
        Assert.Equal(BdSeqOf(firstBirth) + 1, BdSeqOf(secondBirth));
        Assert.Equal(_second.PlainUri, device.Server);
        await Eventually.UntilAsync(async () => !await IsConnectedToAsync(_first), "the device has left the first server");

        // The primary host back online on the first server does not pull the node back: no births there.
        await _onFirst.PublishAsync($"spBv1.0/STATE/{Host}", new HostState(true, 3000).ToJsonBytes(), retain: true);
        var dataBefore = _onSecond.On("spBv1.0/T/DDATA/walker/sensor").Count;
        await Eventually.UntilAsync(() => _onSecond.On("spBv1.0/T/DDATA/walker/sensor").Count >= dataBefore + 5, "data goes on flowing on the second server");
        Assert.Single(_onFirst.On(NodeBirth));

        // Offline on the second server: back to the first, where the host is online again.
        await _onSecond.PublishAsync($"spBv1.0/STATE/{Host}", new HostState(false, 4000).ToJsonBytes(), retain: true);
        await _onSecond.WaitForAsync(m => m.Topic == NodeDeath, "an NDEATH on the second server");
        await Eventually.UntilAsync(() => _onFirst.On(NodeBirth).Count == 2, "births on the first server again");
        Assert.Equal(BdSeqOf(secondBirth) + 1, BdSeqOf(_onFirst.On(NodeBirth)[1]));
        Assert.Single(_onSecond.On(NodeBirth));
    }

    [Fact]
    public async Task WhereThePrimaryHostIsOffline_TheEdgeNodeIsNotBornThere_AndWalksOnToWhereItIsOnline()
    {
        await _onFirst.PublishAsync($"spBv1.0/STATE/{Host}", new HostState(false, 5000).ToJsonBytes(), retain: true);
        await _onSecond.PublishAsync($"spBv1.0/STATE/{Host}", new HostState(true, 1000).ToJsonBytes(), retain: true);

        var device = Start();

        await _onSecond.WaitForAsync(m => m.Topic == NodeBirth, "births on the second server, where the primary host is online");
        Assert.Equal(_second.PlainUri, device.Server);
        Assert.Empty(_onFirst.On(NodeBirth));
    }

    [Fact]
    public async Task WithThePrimaryHostOfflineEverywhere_TheEdgeNodeGoesRoundTheServersOnce_ThenWaitsTheLongestDelay()
    {
        await _onFirst.PublishAsync($"spBv1.0/STATE/{Host}", new HostState(false, 1000).ToJsonBytes(), retain: true);
        await _onSecond.PublishAsync($"spBv1.0/STATE/{Host}", new HostState(false, 1000).ToJsonBytes(), retain: true);
        var connects = 0;
        foreach (var broker in new[] { _first, _second })
        {
            broker.Broker.Server.ClientConnectedAsync += args =>
            {
                if (args.ClientId == "walker")
                {
                    Interlocked.Increment(ref connects);
                }
                return Task.CompletedTask;
            };
        }

        var device = Start(reconnectMaxDelaySeconds: 30);

        // First, second, first again: then a whole round found no primary host, and the next walk waits 15-45 s
        // instead of the 0.05 s between single walks.
        await Eventually.UntilAsync(() => Volatile.Read(ref connects) >= 3, "the edge node walks round both servers");
        // What is asserted is an absence over time, so the test watches for a while: without the pause the node
        // would connect again every 0.05-0.1 s, about ten times in this second.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(3, Volatile.Read(ref connects));
        Assert.Empty(_onFirst.On(NodeBirth));
        Assert.Empty(_onSecond.On(NodeBirth));
        Assert.NotEqual(Protocols.Sparkplug.Edge.EdgeNodeState.Born, device.Status().SparkplugState);
    }

    [Fact]
    public async Task AServerThatCannotBeReached_IsSkippedForTheNextOne()
    {
        await _onSecond.PublishAsync($"spBv1.0/STATE/{Host}", new HostState(true, 1000).ToJsonBytes(), retain: true);
        await _first.StopAsync();

        var device = Start();

        await _onSecond.WaitForAsync(m => m.Topic == NodeBirth, "births on the second server");
        Assert.Equal(_second.PlainUri, device.Server);
    }

    SimulatedDevice Start(double reconnectMaxDelaySeconds = 0.5)
    {
        var options = new SimulatorOptions
        {
            SparkplugGroupId = "T",
            PrimaryHostId = Host,
            TelemetryIntervalSeconds = 0.05,
            Lwm2mIntervalSeconds = 0.2,
            StateDirectory = _state.Path,
        };
        var mqtt = new MqttConnectionOptions
        {
            Servers = $"{_first.PlainUri},{_second.PlainUri}",
            ReconnectMinDelaySeconds = 0.05,
            ReconnectMaxDelaySeconds = reconnectMaxDelaySeconds,
            ConnectTimeoutSeconds = 2,
        };
        return _devices.Start("walker", options, mqtt);
    }

    static async Task<bool> IsConnectedToAsync(TestBroker broker) =>
        (await broker.Broker.GetClientsAsync()).Any(client => client.Id == "walker");

    static ulong BdSeqOf(ReceivedMessage message) => Payload.Parser.ParseFrom(message.Payload).Metrics.Single(m => m.Name == "bdSeq").LongValue;

    public async ValueTask DisposeAsync()
    {
        await _devices.DisposeAsync();
        await _onFirst.DisposeAsync();
        await _onSecond.DisposeAsync();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        _state.Dispose();
    }
}
