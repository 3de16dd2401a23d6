using LwM2MSparkplug.Lwm2mServer.Registry;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// The fleet joined from the registry, the recently gone devices and the Sparkplug host's nodes (as cached). A
/// <c>GET /api/fleet</c> joins it afresh; the <c>/ws/fleet</c> subscribers share one join per
/// <c>LWM2M_FLEET_STREAM_INTERVAL_SECONDS</c>, so with 10,000 devices the join (tens of milliseconds) is made once per
/// interval and each subscriber only filters, sorts and pages it.
/// </summary>
public sealed class SharedFleet(
    IRegistrationStore registrations, GoneDevices gone, SparkplugNodeCache sparkplug, DeviceMessageRates rates, TimeProvider time, IOptions<Lwm2mServerOptions> options) : IDisposable
{
    readonly SemaphoreSlim _joining = new(1, 1);
    JoinedFleet? _last;

    /// <summary>The fleet now.</summary>
    public async Task<JoinedFleet> JoinAsync(CancellationToken cancellationToken)
    {
        var snapshot = await sparkplug.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var devices = FleetMerge.Merge(registrations.GetAll(), gone.Snapshot(), snapshot.Nodes, now, endpoint => rates.PerMinute(endpoint, now));
        return new JoinedFleet(devices, snapshot, now);
    }

    /// <summary>The fleet as joined at most one stream interval ago.</summary>
    public async Task<JoinedFleet> GetRecentAsync(CancellationToken cancellationToken)
    {
        if (Recent(Volatile.Read(ref _last)) is { } recent)
        {
            return recent;
        }
        await _joining.WaitAsync(cancellationToken);
        try
        {
            if (Recent(_last) is { } joinedMeanwhile)
            {
                return joinedMeanwhile;
            }
            var joined = await JoinAsync(CancellationToken.None);
            Volatile.Write(ref _last, joined);
            return joined;
        }
        finally
        {
            _joining.Release();
        }
    }

    JoinedFleet? Recent(JoinedFleet? joined) =>
        joined is not null && time.GetUtcNow() - joined.AsOf < options.Value.FleetStreamInterval ? joined : null;

    public void Dispose() => _joining.Dispose();
}

/// <summary>Every device of the fleet, joined at <see cref="AsOf"/>, and the read of the Sparkplug host it was joined from.</summary>
public sealed record JoinedFleet(IReadOnlyList<FleetDevice> Devices, SparkplugSnapshot Sparkplug, DateTimeOffset AsOf)
{
    public SparkplugSource Source => Sparkplug.Source;
}
