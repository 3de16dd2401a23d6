namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>Polls each service's health while a phase runs and keeps the worst status each one reported, with why.</summary>
public sealed class HealthWatcher : IAsyncDisposable
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    static readonly string[] Severity = ["healthy", "degraded", "unhealthy", "unreachable"];

    readonly IReadOnlyList<ServiceProbe> _probes;
    readonly Dictionary<string, (string Status, string Detail)> _worst = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _latest = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stopping = new();
    readonly Task _polling;

    public HealthWatcher(IReadOnlyList<ServiceProbe> probes)
    {
        _probes = [.. probes.Where(p => p.IsConfigured)];
        _polling = PollAsync();
    }

    /// <summary>The worst status of each service since the watch began, and the reason it gave.</summary>
    public IReadOnlyDictionary<string, (string Status, string Detail)> Worst()
    {
        lock (_worst)
        {
            return new Dictionary<string, (string, string)>(_worst, StringComparer.Ordinal);
        }
    }

    /// <summary>The last status of each service.</summary>
    public IReadOnlyDictionary<string, string> Latest()
    {
        lock (_worst)
        {
            return new Dictionary<string, string>(_latest, StringComparer.Ordinal);
        }
    }

    async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                foreach (var probe in _probes)
                {
                    var (status, detail) = await probe.HealthAsync(_stopping.Token);
                    lock (_worst)
                    {
                        _latest[probe.Name] = status;
                        if (!_worst.TryGetValue(probe.Name, out var worst) || Rank(status) > Rank(worst.Status))
                        {
                            _worst[probe.Name] = (status, detail);
                        }
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    static int Rank(string status) => Math.Max(0, Array.IndexOf(Severity, status));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _polling;
        _stopping.Dispose();
    }
}
