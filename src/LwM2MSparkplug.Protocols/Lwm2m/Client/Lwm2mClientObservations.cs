using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// The observations a client serves, of one path or several (Observe-Composite): for each, what it last notified and
/// when, checked against each path's attributes with <see cref="NotificationPolicy"/>, and when it next needs a look: not before <c>pmin</c> after the
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

    /// <summary>
    /// Starts (or restarts) an observation of one path (Observe) or several (Observe-Composite), each with what the
    /// Observe answer carried for it and the attributes that apply there.
    /// </summary>
    public void Add(string observationId, IReadOnlyList<Lwm2mObservedPath> paths, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var targets = paths.Select(p => new Target(p.Path, Fingerprint(p.Current))).ToList();
        _observations[observationId] = new Observation(targets, now, paths.Min(p => NextCheck(p.Attributes, now, now)));
    }

    public bool Remove(string observationId) => _observations.Remove(observationId);

    public void Clear() => _observations.Clear();

    /// <summary>
    /// The notifications due at <paramref name="now"/>, with the values read from <paramref name="objects"/> (an
    /// observation one of whose paths is gone ends) and the attributes that apply to each path, pmin/pmax defaulting
    /// to the Server object's default periods. An observation of several paths notifies the values of all of them
    /// when the attributes of any one say so.
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
            var samples = new List<(Target Target, IReadOnlyList<Lwm2mResourceValue> Values, object? Current, NotificationAttributes Applying)>(observation.Targets.Count);
            foreach (var target in observation.Targets)
            {
                if (objects.Read(target.Path, now) is not { } values)
                {
                    break;
                }
                samples.Add((target, values, Fingerprint(values), objects.EffectiveAttributes(target.Path, defaultMinimumPeriod, defaultMaximumPeriod)));
            }
            if (samples.Count < observation.Targets.Count)
            {
                (gone ??= []).Add(id);
                continue;
            }
            if (samples.Any(s => NotificationPolicy.ShouldNotify(s.Applying, s.Target.LastValue, observation.LastNotifiedAt, s.Current, now)))
            {
                samples.ForEach(s => s.Target.LastValue = s.Current);
                observation.LastNotifiedAt = now;
                // Sent confirmable unless every path's con says it need not be.
                (due ??= []).Add(new Lwm2mPendingNotification(id, [.. samples.SelectMany(s => s.Values)]) { Confirmable = samples.Any(s => s.Applying.Con != 0) });
            }
            observation.NextCheckAt = samples.Min(s => NextCheck(s.Applying, observation.LastNotifiedAt, now));
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

    sealed class Target(Lwm2mPath path, object? lastValue)
    {
        public Lwm2mPath Path { get; } = path;
        public object? LastValue { get; set; } = lastValue;
    }

    sealed class Observation(IReadOnlyList<Target> targets, DateTimeOffset lastNotifiedAt, DateTimeOffset nextCheckAt)
    {
        public IReadOnlyList<Target> Targets { get; } = targets;
        public DateTimeOffset LastNotifiedAt { get; set; } = lastNotifiedAt;
        public DateTimeOffset NextCheckAt { get; set; } = nextCheckAt;
    }
}
