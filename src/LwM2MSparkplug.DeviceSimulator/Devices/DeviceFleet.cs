using LwM2MSparkplug.DeviceSimulator.Scheduling;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>
/// Runs the process's <see cref="DeviceScheduler"/> and <c>DeviceCount</c> devices on it (started spread over time),
/// and stops them cleanly on shutdown.
/// </summary>
public sealed class DeviceFleet(
    IOptions<SimulatorOptions> options,
    IOptions<MqttConnectionOptions> mqtt,
    DeviceScheduler scheduler,
    ConnectLimiter connectLimiter,
    DeviceIdentities identities,
    SimulatorMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    readonly List<SimulatedDevice> _devices = [];
    readonly Lock _gate = new();

    public IReadOnlyList<SimulatedDevice> Devices
    {
        get
        {
            lock (_gate)
            {
                return [.. _devices];
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger<DeviceFleet>();
        var deviceLogger = loggers.CreateLogger<SimulatedDevice>();
        var bdSeqs = new BdSeqStore(settings.StateDirectory);
        metrics.Devices.Set(settings.DeviceCount);
        var scheduling = scheduler.RunAsync(stoppingToken);
        if (settings.DeviceCount > 0)
        {
            Log.StartingFleet(logger, settings.DeviceCount, settings.DeviceId(1), settings.DeviceId(settings.DeviceCount), mqtt.Value.Describe(),
                identities.IssuesCertificates ? "a certificate of their own from the device-issuing CA" : mqtt.Value.Username is { } user ? $"the shared account '{user}'" : "nothing (anonymous)");
        }
        for (var index = 1; index <= settings.DeviceCount && !stoppingToken.IsCancellationRequested; index++)
        {
            var deviceId = settings.DeviceId(index);
            var device = new SimulatedDevice(deviceId, settings, mqtt.Value, bdSeqs, scheduler, connectLimiter, metrics, time, deviceLogger, identities.CertificateFor(deviceId),
                settings.Lwm2mDialectOf(index));
            lock (_gate)
            {
                _devices.Add(device);
            }
            device.Start();
            if (settings.StartInterval > TimeSpan.Zero && index < settings.DeviceCount)
            {
                await Task.Delay(settings.StartInterval, time, stoppingToken);
            }
        }
        await scheduling;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var devices = Devices;
        // De-register and publish the deaths while the host's shutdown time lasts; then let go of what is left.
        await Task.WhenAll(devices.Select(async device =>
        {
            try
            {
                await device.StopAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            await device.DisposeAsync();
        }));
        Log.StoppedFleet(loggers.CreateLogger<DeviceFleet>(), devices.Count);
    }
}
