using System.Threading.RateLimiting;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>
/// The fleet's limit on MQTT connects per second, first connects and reconnects alike, so a fleet that starts, or
/// comes back after its broker restarted, does not arrive in one burst of TLS handshakes. Over the limit a device
/// waits its turn (counted in <c>simulator_connects_waited_total</c>).
/// </summary>
public sealed class ConnectLimiter : IDisposable
{
    readonly TokenBucketRateLimiter _limiter;
    readonly SimulatorMetrics _metrics;

    public ConnectLimiter(double connectsPerSecond, SimulatorMetrics metrics)
    {
        if (!(connectsPerSecond > 0) || double.IsInfinity(connectsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(connectsPerSecond), connectsPerSecond, "Connects per second must be a positive number.");
        }
        _metrics = metrics;
        // Refill ten times a second where the rate allows it, so connects spread over the second rather than bunch.
        var (period, tokens) = connectsPerSecond >= 10
            ? (TimeSpan.FromMilliseconds(100), (int)Math.Round(connectsPerSecond / 10))
            : (TimeSpan.FromSeconds(1 / connectsPerSecond), 1);
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, tokens),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>Returns when this connect may go ahead.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        using var immediate = _limiter.AttemptAcquire();
        if (immediate.IsAcquired)
        {
            return;
        }
        _metrics.ConnectsWaited.Inc();
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
    }

    public void Dispose() => _limiter.Dispose();
}
