using LwM2MSparkplug.Protocols.Lwm2m;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Registry;

/// <summary>One registered LwM2M client. Immutable: an Update replaces the record.</summary>
public sealed record Registration(
    string Endpoint,
    string RegistrationId,
    TimeSpan Lifetime,
    string Version,
    string BindingMode,
    Lwm2mObjectList Objects,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastUpdateAt)
{
    /// <summary>
    /// False once the device's MQTT connection died (its Sparkplug NDEATH Will was seen); the registration is kept
    /// until its lifetime ends or the device registers or updates again.
    /// </summary>
    public bool Online { get; init; } = true;

    public DateTimeOffset? OfflineSince { get; init; }

    /// <summary>
    /// The position, in <c>MQTT_SERVERS</c>, of the MQTT server the device last registered or updated on: its requests
    /// go there. Null when not known (never with one server configured).
    /// </summary>
    public int? Server { get; init; }

    /// <summary>The wire dialect the device registered in; the server's requests and answers use it.</summary>
    public Lwm2mDialect Dialect { get; init; }

    /// <summary>The client's MSISDN, if its Register gave one (<c>sms</c>).</summary>
    public string? Sms { get; init; }

    /// <summary>
    /// Whether the device sleeps between its messages (LwM2M 1.2 Core §6.5): the server then holds requests for it
    /// while it is asleep. Set by the Register; an Update does not change it.
    /// </summary>
    public bool QueueMode { get; init; }

    /// <summary>When the registration is removed unless an Update arrives first (LwM2M 1.2 Core §6.2.2).</summary>
    public DateTimeOffset ExpiresAt => LastUpdateAt + Lifetime;

    public Registration Apply(UpdateRequest update, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(update);
        return this with
        {
            Lifetime = update.Lifetime ?? Lifetime,
            BindingMode = update.BindingMode ?? BindingMode,
            Objects = update.Objects?.Succeeding(Objects) ?? Objects,
            LastUpdateAt = now,
            Online = true,
            OfflineSince = null,
        };
    }
}
