using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// The observations a client serves: for each, what it last notified and when, checked against the path's
/// attributes with <see cref="NotificationPolicy"/>, and when it next needs a look: not before <c>pmin</c> after the
/// last notification, at the latest at <c>pmax</c>, in between every <c>checkInterval</c> (values are sampled, not
/// pushed), or as <c>epmin</c>/<c>epmax</c> bound the time between two samplings. Not thread-safe.
/// </summary>
public sealed class Lwm2mClientObservations(TimeSpan checkInterval)
{
    readonly Dictionary<string, Observation> _observations = new(StringComparer.Ordinal);

    public int Count => _observations.Count;

    /// <summary>When the next observation needs a look; null without observations.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            DateTimeOffset? next = null;
            foreach (var observation in _observations.Values)
            {
                if (next is null || observation.NextCheckAt < next)
                {
                    next = observation.NextCheckAt;
                }
            }
            return next;
        }
    }

    /// <summary>Starts (or restarts) an observation; <paramref name="current"/> is what the Observe answer carried.</summary>
    public void Add(string observationId, Lwm2mPath path, IReadOnlyList<Lwm2mResourceValue> current, NotificationAttributes attributes, DateTimeOffset now) =>
        _observations[observationId] = new Observation(path, Fingerprint(current), now, NextCheck(attributes, now, now));

    public bool Remove(string observationId) => _observations.Remove(observationId);

    public void Clear() => _observations.Clear();

    /// <summary>
    /// The notifications due at <paramref name="now"/>, with the values read from <paramref name="objects"/> (an
    /// observation whose path is gone ends) and the attributes that apply there, pmin/pmax defaulting to the Server
    /// object's default periods.
    /// </summary>
    public IReadOnlyList<Lwm2mPendingNotification> Due(DateTimeOffset now, Lwm2mObjectTree objects, long defaultMinimumPeriod, long defaultMaximumPeriod)
    {
        ArgumentNullException.ThrowIfNull(objects);
        List<Lwm2mPendingNotification>? due = null;
        List<string>? gone = null;
        foreach (var (id, observation) in _observations)
        {
            if (now < observation.NextCheckAt)
            {
                continue;
            }
            if (objects.Read(observation.Path, now) is not { } values)
            {
                (gone ??= []).Add(id);
                continue;
            }
            var current = Fingerprint(values);
            var applying = objects.EffectiveAttributes(observation.Path, defaultMinimumPeriod, defaultMaximumPeriod);
            if (NotificationPolicy.ShouldNotify(applying, observation.LastValue, observation.LastNotifiedAt, current, now))
            {
                observation.LastValue = current;
                observation.LastNotifiedAt = now;
                (due ??= []).Add(new Lwm2mPendingNotification(id, values) { Confirmable = applying.Con != 0 });
            }
            observation.NextCheckAt = NextCheck(applying, observation.LastNotifiedAt, now);
        }
        gone?.ForEach(id => _observations.Remove(id));
        return due ?? [];
    }

    DateTimeOffset NextCheck(NotificationAttributes attributes, DateTimeOffset lastNotifiedAt, DateTimeOffset now)
    {
        var evaluation = checkInterval;
        if (attributes.Epmin is { } epmin && TimeSpan.FromSeconds(epmin) > evaluation)
        {
            evaluation = TimeSpan.FromSeconds(epmin);
        }
        if (attributes.Epmax is > 0 and var epmax && TimeSpan.FromSeconds(epmax) < evaluation)
        {
            evaluation = TimeSpan.FromSeconds(epmax);
        }
        var next = now + evaluation;
        if (attributes.Pmin is { } pmin && lastNotifiedAt + TimeSpan.FromSeconds(pmin) > next)
        {
            next = lastNotifiedAt + TimeSpan.FromSeconds(pmin);
        }
        // pmax below pmin is ignored (Core §5.1.2), as in NotificationPolicy.
        if (attributes.Pmax is > 0 and var pmax && (attributes.Pmin is null || pmax >= attributes.Pmin))
        {
            var latest = lastNotifiedAt + TimeSpan.FromSeconds(pmax);
            if (latest < next)
            {
                next = latest > now ? latest : now + checkInterval;
            }
        }
        return next;
    }

    // A single resource compares by value (so gt/lt/st apply); anything larger by its rendering.
    static object? Fingerprint(IReadOnlyList<Lwm2mResourceValue> values) => values switch
    {
        [var single] => single.Value,
        _ => string.Join(";", values.Select(v => $"{v.Path}={Lwm2mValueConverter.ToText(v)}")),
    };

    sealed class Observation(Lwm2mPath path, object? lastValue, DateTimeOffset lastNotifiedAt, DateTimeOffset nextCheckAt)
    {
        public Lwm2mPath Path { get; } = path;
        public object? LastValue { get; set; } = lastValue;
        public DateTimeOffset LastNotifiedAt { get; set; } = lastNotifiedAt;
        public DateTimeOffset NextCheckAt { get; set; } = nextCheckAt;
    }
}
