namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>Where an <see cref="Lwm2mClient"/> is in its registration lifecycle (LwM2M 1.2 Core §6.2).</summary>
public enum Lwm2mRegistrationState
{
    /// <summary>No connection to the server.</summary>
    Disconnected,
    /// <summary>A Register is out (or will be retried); no acknowledgement yet.</summary>
    Registering,
    Registered,
    /// <summary>Registered, with an Update out and not yet acknowledged.</summary>
    Updating,
    /// <summary>De-registered on purpose; nothing more is sent.</summary>
    Deregistered,
}
