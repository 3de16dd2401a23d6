using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>
/// What Debian's mosquitto, configured as the Compose stack's broker, delivers on the NDEATH topic when a simulated
/// edge node ends its session on purpose over MQTT 5: the NDEATH the edge node publishes, then its Will, as the
/// DISCONNECT carries reason 0x04 (Disconnect with Will Message).
/// </summary>
public sealed class EdgeNodeDisconnectTests(ProjectMosquitto broker) : IClassFixture<ProjectMosquitto>, IAsyncDisposable
{
    readonly TemporaryDirectory _state = new();
    readonly TestDevices _devices = new();

    [Fact]
    public async Task Stop_DeliversThePublishedNDeathAndTheWill_BothWithTheSessionsBdSeq()
    {
        var id = "edge-stop-" + Guid.NewGuid().ToString("N")[..6];
        await using var watcher = await MqttProbe.ConnectAsync(broker.ClientOptions("sparkplug-host", "sparkplug-host"), "spBv1.0/#");
        var device = Start(id);
        var birth = await watcher.WaitForAsync(m => m.Topic == $"spBv1.0/T/NBIRTH/{id}", "the birth");

        await device.StopAsync(TestContext.Current.CancellationToken);

        await Eventually.UntilAsync(() => watcher.On($"spBv1.0/T/NDEATH/{id}").Count == 2, "the published NDEATH and the Will");
        await MarkerRoundTripAsync(watcher, id);
        var deaths = watcher.On($"spBv1.0/T/NDEATH/{id}");
        Assert.Equal(2, deaths.Count);
        Assert.All(deaths, death => Assert.Equal(BdSeqOf(birth.Payload), BdSeqOf(death.Payload)));
    }

    [Fact]
    public async Task Reboot_DeliversThePublishedNDeathAndTheWill_WithTheOldBdSeq_BeforeTheNewBirth()
    {
        var id = "edge-boot-" + Guid.NewGuid().ToString("N")[..6];
        await using var watcher = await MqttProbe.ConnectAsync(broker.ClientOptions("sparkplug-host", "sparkplug-host"), "spBv1.0/#");
        var device = Start(id);
        var firstBirth = await watcher.WaitForAsync(m => m.Topic == $"spBv1.0/T/NBIRTH/{id}", "the birth");

        // The LwM2M reboot (/3/0/4) of a registered device, sent with the LwM2M server's account.
        await using var server = await MqttProbe.ConnectAsync(broker.ClientOptions("lwm2m-server", "lwm2m-server"), $"lwm2m/{id}/reg");
        await server.WaitForAsync(m => m.Topic == $"lwm2m/{id}/reg", "the registration");
        await server.PublishAsync($"lwm2m/{id}/reg/ack", """{"code":"2.01","registrationId":"r-1"}"""u8.ToArray());
        await server.PublishAsync($"lwm2m/{id}/cmd/boot-1", """{"op":"execute","path":"/3/0/4"}"""u8.ToArray());

        await Eventually.UntilAsync(() => watcher.On($"spBv1.0/T/NBIRTH/{id}").Count == 2, "the device is born again");
        var order = watcher.Received.ToList();
        var deaths = watcher.On($"spBv1.0/T/NDEATH/{id}");
        Assert.Equal(2, deaths.Count);
        Assert.All(deaths, death => Assert.Equal(BdSeqOf(firstBirth.Payload), BdSeqOf(death.Payload)));
        Assert.All(deaths, death => Assert.True(order.IndexOf(death) < order.IndexOf(watcher.On($"spBv1.0/T/NBIRTH/{id}")[1]), "each death comes before the new birth"));
        Assert.Equal(BdSeqOf(firstBirth.Payload) + 1, BdSeqOf(watcher.On($"spBv1.0/T/NBIRTH/{id}")[1].Payload));
    }

    public async ValueTask DisposeAsync()
    {
        await _devices.DisposeAsync();
        _state.Dispose();
    }

    DeviceSimulator.Devices.SimulatedDevice Start(string id)
    {
        var options = new SimulatorOptions { SparkplugGroupId = "T", TelemetryIntervalSeconds = 0.05, Lwm2mIntervalSeconds = 0.2, StateDirectory = _state.Path };
        var mqtt = new MqttConnectionOptions
        {
            Host = "localhost",
            Port = broker.DevicePort,
            UseTls = true,
            CaCertificate = broker.CaCertificatePath,
            ReconnectMinDelaySeconds = 0.05,
            ReconnectMaxDelaySeconds = 0.5,
        };
        return _devices.Start(id, options, mqtt, new Lazy<X509Certificate2>(() => broker.DeviceCertificate(id)));
    }

    /// <summary>Whatever mosquitto delivered to the watcher before this marker has arrived once the marker has.</summary>
    static async Task MarkerRoundTripAsync(MqttProbe watcher, string id)
    {
        // The host's account may write commands: one to an edge node that does not exist.
        var marker = $"spBv1.0/T/NCMD/{id}-marker";
        await watcher.PublishAsync(marker, [1]);
        await watcher.WaitForAsync(m => m.Topic == marker, "the marker");
    }

    static ulong BdSeqOf(byte[] payload) => Payload.Parser.ParseFrom(payload).Metrics.Single(m => m.Name == "bdSeq").LongValue;
}
