using System.Threading.RateLimiting;
using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.LoadTest.Devices;

/// <summary>The virtual devices of one run: brought up at a limited connect rate, loaded phase by phase, stopped.</summary>
public sealed class LoadFleet : IAsyncDisposable
{
    readonly List<LoadDevice> _devices;
    readonly TokenBucketRateLimiter _connectLimiter;

    public LoadFleet(LoadTestOptions options, MqttConnectionOptions mqtt, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var perSecond = Math.Max(1, (int)Math.Ceiling(options.ConnectRatePerSecond));
        _connectLimiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        var logger = loggers.CreateLogger<LoadDevice>();
        // The same issuing as the simulator's, so a stack that takes identities from certificates sees the same devices.
        using var identities = new DeviceIdentities(Options.Create(new SimulatorOptions { DeviceCaCertificate = options.DeviceCaCertificate, DeviceCaKey = options.DeviceCaKey }), TimeProvider.System);
        _devices = [.. Enumerable.Range(1, options.Devices).Select(i => $"{options.DevicePrefix}-{i:D5}")
            .Select(id => new LoadDevice(id, options, mqtt, _connectLimiter, Offered, logger, identities.CertificateFor(id)))];
    }

    public OfferedCounts Offered { get; } = new();
    public IReadOnlyList<LoadDevice> Devices => _devices;
    public int ReadyCount => _devices.Count(d => d.IsReady);

    /// <summary>Starts every device's connection; <see cref="ReadyCount"/> tells how many are connected, born and registered.</summary>
    public void Start()
    {
        foreach (var device in _devices)
        {
            device.Start();
        }
    }

    /// <summary>Loads the stack at <paramref name="rate"/> DDATA per second in all, until <paramref name="cancellationToken"/> fires.</summary>
    public Task RunAsync(bool baseline, double rate, CancellationToken cancellationToken)
    {
        var perDevice = rate / _devices.Count;
        var interval = TimeSpan.FromSeconds(1 / perDevice);
        return Task.WhenAll(_devices.Select((device, i) => device.RunAsync(baseline, perDevice, interval * i / _devices.Count, cancellationToken)));
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_devices.Select(device => device.StopAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }
        _connectLimiter.Dispose();
    }
}
