namespace LwM2MSparkplug.Standalone.Broker.Access;

/// <summary>
/// Who an authenticated client is: its name (a device's certificate common name, or an account's user name), which is
/// also its client id, and its role.
/// </summary>
/// <param name="Name">The identity, and the client id the broker gives the connection whatever the client sent.</param>
/// <param name="Role">What the identity may publish and subscribe to.</param>
public readonly record struct ClientIdentity(string Name, ClientRole Role);
