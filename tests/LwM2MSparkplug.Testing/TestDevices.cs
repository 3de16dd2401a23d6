using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.DeviceSimulator.Scheduling;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace LwM2MSparkplug.Testing;

/// <summary>
/// Simulated devices on a scheduler of their own, as the simulator's fleet runs them, for tests that talk to single
/// devices through a broker. Disposing stops every device (de-register, death, disconnect), then the scheduler.
/// </summary>
public sealed class TestDevices : IAsyncDisposable
{
    readonly CancellationTokenSource _stopping = new();
    readonly DeviceScheduler _scheduler = new(TimeProvider.System, NullLogger<DeviceScheduler>.Instance);
    readonly List<SimulatedDevice> _devices = [];
    readonly Task _scheduling;
    readonly ConnectLimiter _connectLimiter;

    public TestDevices()
    {
        _scheduling = _scheduler.RunAsync(_stopping.Token);
        _connectLimiter = new ConnectLimiter(1000, Metrics);
    }

    /// <summary>The devices' metrics, in a registry of their own.</summary>
    public SimulatorMetrics Metrics { get; } = new(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));

    /// <summary>
    /// Creates and starts a device; it keeps its bdSeq in <see cref="SimulatorOptions.StateDirectory"/> and, given
    /// <paramref name="clientCertificate"/>, authenticates with it (the device disposes it).
    /// </summary>
    public SimulatedDevice Start(string deviceId, SimulatorOptions options, MqttConnectionOptions mqtt, Lazy<X509Certificate2>? clientCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var device = new SimulatedDevice(deviceId, options, mqtt, new BdSeqStore(options.StateDirectory), _scheduler, _connectLimiter, Metrics, TimeProvider.System, NullLogger.Instance, clientCertificate);
        _devices.Add(device);
        device.Start();
        return device;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }
        await _stopping.CancelAsync();
        await _scheduling;
        _scheduler.Dispose();
        _connectLimiter.Dispose();
        _stopping.Dispose();
    }
}
