using System.Collections.Concurrent;

namespace LwM2MSparkplug.Lwm2mServer.Registry;

/// <summary>Registrations in process memory; they are gone after a restart and devices register again.</summary>
public sealed class InMemoryRegistrationStore : IRegistrationStore
{
    readonly ConcurrentDictionary<string, Registration> _registrations = new(StringComparer.Ordinal);

    public int Count => _registrations.Count;

    public Registration? Register(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        Registration? previous = null;
        _registrations.AddOrUpdate(
            registration.Endpoint,
            static (_, added) => added,
            (_, existing, added) =>
            {
                previous = existing;
                return added;
            },
            registration);
        return previous;
    }

    public Registration? Update(string endpoint, Func<Registration, Registration> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        while (_registrations.TryGetValue(endpoint, out var current))
        {
            var updated = update(current);
            if (_registrations.TryUpdate(endpoint, updated, current))
            {
                return updated;
            }
        }
        return null;
    }

    public bool TryRemove(string endpoint, out Registration registration) =>
        _registrations.TryRemove(endpoint, out registration!);

    public bool TryGet(string endpoint, out Registration registration) =>
        _registrations.TryGetValue(endpoint, out registration!);

    public IReadOnlyList<Registration> GetAll() =>
        [.. _registrations.Values.OrderBy(r => r.Endpoint, StringComparer.Ordinal)];

    public IReadOnlyList<Registration> RemoveExpired(DateTimeOffset now)
    {
        var removed = new List<Registration>();
        foreach (var (endpoint, registration) in _registrations)
        {
            // Remove only the exact record seen, so an Update racing with expiry wins.
            if (registration.ExpiresAt <= now && _registrations.TryRemove(new KeyValuePair<string, Registration>(endpoint, registration)))
            {
                removed.Add(registration);
            }
        }
        return removed;
    }
}
