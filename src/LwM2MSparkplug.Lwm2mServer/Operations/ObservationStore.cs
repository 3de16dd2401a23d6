using System.Collections.Concurrent;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>An observation the server established on a device: of one path (Observe) or several (Observe-Composite).</summary>
public sealed record Observation(string Id, string Endpoint, string RegistrationId, IReadOnlyList<Lwm2mPath> Paths, DateTimeOffset CreatedAt)
{
    /// <summary>Established by Observe-Composite: cancelled by its set of paths, and never by one of them alone.</summary>
    public bool IsComposite { get; init; }

    public long Notifications { get; set; }
    public DateTimeOffset? LastNotificationAt { get; set; }
}

/// <summary>
/// Observations by id, at most <c>maxPerEndpoint</c> per device. They end with Cancel-Observe, De-register, expiry and a
/// new Register (LwM2M 1.2 Core §6.3.x).
/// </summary>
public sealed class ObservationStore(int maxPerEndpoint)
{
    readonly ConcurrentDictionary<string, Observation> _observations = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _perEndpoint = new(StringComparer.Ordinal);
    readonly Lock _gate = new();
    long _refused;

    public int Count => _observations.Count;

    public int MaxPerEndpoint => maxPerEndpoint;

    /// <summary>Observations refused because their device had <see cref="MaxPerEndpoint"/> already.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Adds the observation; false, counted in <see cref="Refused"/>, when its device has <see cref="MaxPerEndpoint"/> already.</summary>
    public bool TryAdd(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        lock (_gate)
        {
            var count = _perEndpoint.GetValueOrDefault(observation.Endpoint);
            if (count >= maxPerEndpoint)
            {
                Interlocked.Increment(ref _refused);
                return false;
            }
            if (_observations.TryAdd(observation.Id, observation))
            {
                _perEndpoint[observation.Endpoint] = count + 1;
            }
            return true;
        }
    }

    public bool TryGet(string id, out Observation observation) => _observations.TryGetValue(id, out observation!);

    public bool Remove(string id)
    {
        lock (_gate)
        {
            if (!_observations.TryRemove(id, out var removed))
            {
                return false;
            }
            Release(removed.Endpoint, 1);
            return true;
        }
    }

    public IReadOnlyList<Observation> ForEndpoint(string endpoint) =>
        [.. _observations.Values.Where(o => o.Endpoint == endpoint).OrderBy(o => o.CreatedAt)];

    /// <summary>Drops every observation of an endpoint; returns how many.</summary>
    public int RemoveEndpoint(string endpoint)
    {
        lock (_gate)
        {
            // Every Register asks; most endpoints have none, and the scan below would hold the lock for the whole store.
            if (!_perEndpoint.ContainsKey(endpoint))
            {
                return 0;
            }
            var removed = 0;
            foreach (var observation in _observations.Values.Where(o => o.Endpoint == endpoint).ToList())
            {
                if (_observations.TryRemove(observation.Id, out _))
                {
                    removed++;
                }
            }
            Release(endpoint, removed);
            return removed;
        }
    }

    void Release(string endpoint, int count)
    {
        var left = _perEndpoint.GetValueOrDefault(endpoint) - count;
        if (left > 0)
        {
            _perEndpoint[endpoint] = left;
        }
        else
        {
            _perEndpoint.Remove(endpoint);
        }
    }
}
