namespace LwM2MSparkplug.Lwm2mServer.Registry;

/// <summary>
/// Where registrations live. Implementations are safe for concurrent use; each method is atomic per endpoint.
/// At most one registration exists per endpoint: a new Register replaces the old one.
/// </summary>
public interface IRegistrationStore
{
    int Count { get; }

    /// <summary>The most registrations the store holds.</summary>
    int Capacity { get; }

    /// <summary>
    /// Adds or replaces the endpoint's registration; <paramref name="replaced"/> is the one it replaced, if any. False,
    /// with nothing stored, when the endpoint is new and the store holds <see cref="Capacity"/> registrations already:
    /// a registered endpoint can always register again.
    /// </summary>
    bool TryRegister(Registration registration, out Registration? replaced);

    /// <summary>Applies <paramref name="update"/> to the endpoint's registration; null when it is not registered.</summary>
    Registration? Update(string endpoint, Func<Registration, Registration> update);

    bool TryRemove(string endpoint, out Registration registration);

    bool TryGet(string endpoint, out Registration registration);

    IReadOnlyList<Registration> GetAll();

    /// <summary>Removes and returns the registrations whose lifetime ended at or before <paramref name="now"/>.</summary>
    IReadOnlyList<Registration> RemoveExpired(DateTimeOffset now);
}
