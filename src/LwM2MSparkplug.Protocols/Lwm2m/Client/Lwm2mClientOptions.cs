using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>What an <see cref="Lwm2mClient"/> registers as and how it paces itself.</summary>
public sealed class Lwm2mClientOptions
{
    public required string Endpoint { get; init; }

    /// <summary>The LwM2M version the client registers with.</summary>
    public string Version { get; init; } = "1.2";

    /// <summary>
    /// Whether the client registers in queue mode (LwM2M 1.2 Core §6.5): the server then holds requests while the client
    /// is asleep. This client stays connected, so it answers whatever the server sends.
    /// </summary>
    public bool QueueMode { get; init; }

    /// <summary>How long a Register or Update may stay unanswered before the client registers again.</summary>
    public TimeSpan RegistrationRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unanswered or refused Registers are retried after a delay that doubles up to this.</summary>
    public TimeSpan RegistrationRetryMaxInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The share of the lifetime after which the client sends an Update, so it arrives before the lifetime ends.</summary>
    public double UpdateAtLifetimeFraction { get; init; } = 0.8;

    /// <summary>How often observed values are sampled for a change between pmin and pmax.</summary>
    public TimeSpan ObservationCheckInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the client reports <see cref="SendPaths"/> with Send; null: no periodic Send.</summary>
    public TimeSpan? SendInterval { get; init; }

    public IReadOnlyList<Lwm2mPath> SendPaths { get; init; } = [];

    /// <summary>Requests and acknowledgements larger than this are not parsed; a request is answered 4.00.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>Resource values a Register carries where the dialect has room for them (the JSON contract's original form).</summary>
    public IReadOnlyList<Lwm2mPath> RegisterValuePaths { get; init; } = [];

    /// <summary>Throws when a setting cannot work.</summary>
    public void Validate()
    {
        if (Lwm2mTopic.ValidateEndpoint(Endpoint) != Lwm2mTopicError.None)
        {
            throw new ArgumentException($"'{Endpoint}' is not a valid endpoint name: 1..{Lwm2mTopic.MaxEndpointLength} characters without '+', '/' or '#'.");
        }
        if (RegistrationRetryInterval <= TimeSpan.Zero || RegistrationRetryMaxInterval < RegistrationRetryInterval)
        {
            throw new ArgumentException("The registration retry interval must be positive and not above its maximum.");
        }
        if (UpdateAtLifetimeFraction is <= 0 or >= 1)
        {
            throw new ArgumentException($"The Update must come within the lifetime: a fraction between 0 and 1; got {UpdateAtLifetimeFraction}.");
        }
        if (MaxMessageBytes <= 0)
        {
            throw new ArgumentException($"The largest message must be at least 1 byte; got {MaxMessageBytes}.");
        }
        if (ObservationCheckInterval <= TimeSpan.Zero || SendInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("The observation check and Send intervals must be positive.");
        }
    }
}
