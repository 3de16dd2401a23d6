using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LwM2MSparkplug.ServiceDefaults.Health;

/// <summary>
/// Degraded while a counter of loss or lag grew within the last <c>window</c>: a service that drops data or falls
/// behind says so, not only when it is down. The description names each counter that grew, by how much, and why it
/// matters. Counters are sampled when the check runs; between two checks further apart than the window, growth is
/// measured since the earlier one.
/// </summary>
public sealed class LossAndLagHealthCheck : IHealthCheck
{
    readonly TimeProvider _time;
    readonly TimeSpan _window;
    readonly IReadOnlyList<WatchedCounter> _counters;
    readonly Queue<(DateTimeOffset At, double[] Values)> _samples = new();
    readonly Lock _gate = new();

    public LossAndLagHealthCheck(TimeProvider time, TimeSpan window, IReadOnlyList<WatchedCounter> counters)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(counters);
        _time = time;
        _window = window;
        _counters = counters;
        _samples.Enqueue((time.GetUtcNow(), Read()));
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var current = Read();
        double[] baseline;
        lock (_gate)
        {
            // Keep the newest sample at least a window old as the baseline, and everything since.
            while (_samples.Count > 1 && _samples.ElementAt(1).At <= now - _window)
            {
                _samples.Dequeue();
            }
            baseline = _samples.Peek().Values;
            _samples.Enqueue((now, current));
        }
        var grown = new List<string>();
        for (var i = 0; i < _counters.Count; i++)
        {
            var counter = _counters[i];
            var growth = current[i] - baseline[i];
            if (counter.Whole is null)
            {
                if (growth > 0)
                {
                    grown.Add($"{counter.Name} grew by {growth:0.##} ({counter.Meaning})");
                }
                continue;
            }
            var whole = current[_counters.Count + i] - baseline[_counters.Count + i];
            if (growth > counter.ToleratedShare * whole)
            {
                var share = whole > 0 ? growth / whole : 1;
                grown.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{counter.Name} grew by {growth:0.##} of {whole:0.##} ({share * 100:0.##} %, more than the {counter.ToleratedShare * 100:0.##} % tolerated; {counter.Meaning})"));
            }
        }
        return Task.FromResult(grown.Count == 0
            ? HealthCheckResult.Healthy($"no loss or lag in the last {_window.TotalSeconds:0} s")
            : HealthCheckResult.Degraded($"in the last {_window.TotalSeconds:0} s: {string.Join("; ", grown)}"));
    }

    double[] Read()
    {
        // Each counter, then the whole each is a part of (0 where there is none).
        var values = new double[_counters.Count * 2];
        for (var i = 0; i < _counters.Count; i++)
        {
            values[i] = _counters[i].Read();
            values[_counters.Count + i] = _counters[i].Whole?.Invoke() ?? 0;
        }
        return values;
    }
}
