using System.Collections.Concurrent;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>An observation the server established on a device.</summary>
public sealed record Observation(string Id, string Endpoint, string RegistrationId, Lwm2mPath Path, DateTimeOffset CreatedAt)
{
    public long Notifications { get; set; }
    public DateTimeOffset? LastNotificationAt { get; set; }
}

/// <summary>Observations by id. They end with Cancel-Observe, De-register, expiry and a new Register (LwM2M 1.2 Core §6.3.x).</summary>
public sealed class ObservationStore
{
    readonly ConcurrentDictionary<string, Observation> _observations = new(StringComparer.Ordinal);

    public int Count => _observations.Count;

    public void Add(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        _observations[observation.Id] = observation;
    }

    public bool TryGet(string id, out Observation observation) => _observations.TryGetValue(id, out observation!);

    public bool Remove(string id) => _observations.TryRemove(id, out _);

    public IReadOnlyList<Observation> ForEndpoint(string endpoint) =>
        [.. _observations.Values.Where(o => o.Endpoint == endpoint).OrderBy(o => o.CreatedAt)];

    /// <summary>Drops every observation of an endpoint; returns how many.</summary>
    public int RemoveEndpoint(string endpoint)
    {
        var removed = 0;
        foreach (var observation in _observations.Values.Where(o => o.Endpoint == endpoint).ToList())
        {
            if (_observations.TryRemove(observation.Id, out _))
            {
                removed++;
            }
        }
        return removed;
    }
}
