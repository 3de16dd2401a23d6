using System.Collections.Concurrent;

namespace LwM2MSparkplug.Lwm2mServer.Registry;

/// <summary>Registrations in process memory, at most <c>capacity</c>; they are gone after a restart and devices register again.</summary>
public sealed class InMemoryRegistrationStore(int capacity) : IRegistrationStore
{
    readonly ConcurrentDictionary<string, Registration> _registrations = new(StringComparer.Ordinal);

    // Kept beside the dictionary: its Count takes every lock, and each new endpoint asks for it.
    int _count;

    public int Count => Volatile.Read(ref _count);

    public int Capacity => capacity;

    public bool TryRegister(Registration registration, out Registration? replaced)
    {
        ArgumentNullException.ThrowIfNull(registration);
        while (true)
        {
            if (_registrations.TryGetValue(registration.Endpoint, out var existing))
            {
                if (_registrations.TryUpdate(registration.Endpoint, registration, existing))
                {
                    replaced = existing;
                    return true;
                }
                continue;
            }
            // Take a place first, so concurrent Registers of new endpoints cannot overshoot the capacity together.
            if (Interlocked.Increment(ref _count) > capacity)
            {
                Interlocked.Decrement(ref _count);
                replaced = null;
                return false;
            }
            if (_registrations.TryAdd(registration.Endpoint, registration))
            {
                replaced = null;
                return true;
            }
            Interlocked.Decrement(ref _count);
        }
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

    public bool TryRemove(string endpoint, out Registration registration)
    {
        if (!_registrations.TryRemove(endpoint, out registration!))
        {
            return false;
        }
        Interlocked.Decrement(ref _count);
        return true;
    }

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
                Interlocked.Decrement(ref _count);
                removed.Add(registration);
            }
        }
        return removed;
    }
}
