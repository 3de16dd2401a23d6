using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.DeviceSimulator.Lwm2m;

/// <summary>A notification the device owes the server.</summary>
public sealed record PendingNotification(string ObservationId, IReadOnlyList<Lwm2mResourceValue> Values);

/// <summary>
/// The observations a device serves: for each, what it last notified and when, checked against the path's
/// attributes with <see cref="NotificationPolicy"/>. Not thread-safe: the device's worker drives it.
/// </summary>
public sealed class SimulatedObservations
{
    readonly Dictionary<string, Observation> _observations = new(StringComparer.Ordinal);

    public int Count => _observations.Count;

    public void Add(string observationId, Lwm2mPath path, IReadOnlyList<Lwm2mResourceValue> current, DateTimeOffset now) =>
        _observations[observationId] = new Observation(path) { LastValue = Fingerprint(current), LastNotifiedAt = now };

    public bool Remove(string observationId) => _observations.Remove(observationId);

    public void Clear() => _observations.Clear();

    /// <summary>The notifications due now; observations whose path disappeared are dropped.</summary>
    public IReadOnlyList<PendingNotification> Due(SimulatedLwm2mObjects objects, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(objects);
        List<PendingNotification>? due = null;
        List<string>? gone = null;
        foreach (var (id, observation) in _observations)
        {
            if (objects.Read(observation.Path) is not { } values)
            {
                (gone ??= []).Add(id);
                continue;
            }
            var current = Fingerprint(values);
            if (NotificationPolicy.ShouldNotify(objects.EffectiveAttributes(observation.Path), observation.LastValue, observation.LastNotifiedAt, current, now))
            {
                observation.LastValue = current;
                observation.LastNotifiedAt = now;
                (due ??= []).Add(new PendingNotification(id, values));
            }
        }
        gone?.ForEach(id => _observations.Remove(id));
        return due ?? [];
    }

    // A single resource compares by value (so gt/lt/st apply); anything larger by its rendering.
    static object? Fingerprint(IReadOnlyList<Lwm2mResourceValue> values) => values switch
    {
        [var single] => single.Value,
        _ => string.Join(";", values.Select(v => $"{v.Path}={Lwm2mValueConverter.ToText(v)}")),
    };

    sealed class Observation(Lwm2mPath path)
    {
        public Lwm2mPath Path { get; } = path;
        public object? LastValue { get; set; }
        public DateTimeOffset LastNotifiedAt { get; set; }
    }
}
