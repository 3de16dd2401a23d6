using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m;
using LwM2MSparkplug.Protocols.Lwm2m.Links;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.ServiceDefaults.Mqtt;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>A registration as the REST API and the event log show it, with the device's Sparkplug side.</summary>
/// <remarks>
/// <see cref="Objects"/> is the original nested form (object → instance → resource → value). <see cref="QueueMode"/>
/// says whether requests are held while the device sleeps (LwM2M 1.2 Core §6.5). <see cref="Online"/>
/// turns false when the device's connection died (its Sparkplug NDEATH); <see cref="Sparkplug"/> is the edge node
/// session of the same device (edge node id = endpoint), when one was seen. <see cref="Stale"/> says whether all this
/// may no longer be current because the server lost its broker connection.
/// </remarks>
public sealed record DeviceView(
    string Endpoint,
    string RegistrationId,
    long LifetimeSeconds,
    string Version,
    string BindingMode,
    bool QueueMode,
    string ObjectLinks,
    JsonElement Objects,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastUpdateAt,
    DateTimeOffset ExpiresAt,
    bool Online,
    DateTimeOffset? OfflineSince,
    SparkplugPresenceView? Sparkplug)
{
    /// <summary>
    /// True when this view may no longer be current: the server lost its broker connection at
    /// <see cref="StaleSince"/> and has not heard from the device since (Register, Update, a Sparkplug birth or death).
    /// <see cref="Online"/> is then the last state known, not the present one.
    /// </summary>
    public bool Stale => StaleSince is not null;

    /// <summary>When the view stopped being current (the loss of the broker connection); absent while it is current.</summary>
    public DateTimeOffset? StaleSince { get; init; }

    /// <summary>The MQTT server the device registered on, as <c>mqtt[s]://host:port</c>: its requests go there.</summary>
    public string? Server { get; init; }

    /// <summary>The wire dialect the device registered in: <c>json</c> (the project's contract) or <c>oma</c> (OMA's MQTT binding).</summary>
    public string Dialect { get; init; } = Lwm2mDialect.Json.ToWire();

    /// <summary>The client's MSISDN (Register's <c>sms</c>); absent when not given.</summary>
    public string? Sms { get; init; }

    /// <summary>The content formats the client says it supports (the root link's <c>ct</c>); empty when it named none.</summary>
    public IReadOnlyList<ushort> ContentFormats { get; init; } = [];

    /// <summary>This view qualified by the state of the server's broker connection.</summary>
    public DeviceView AsSeenThrough(MqttConnection? connection)
    {
        DateTimeOffset?[] heard = [LastUpdateAt, OfflineSince, Sparkplug?.BirthTime, Sparkplug?.DeathTime];
        return this with { StaleSince = connection?.StaleSince(heard.Max()), Server = connection?.Broker };
    }

    public static DeviceView From(Registration registration, SparkplugPresenceView? sparkplug)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return new DeviceView(
            registration.Endpoint,
            registration.RegistrationId,
            (long)registration.Lifetime.TotalSeconds,
            registration.Version,
            registration.BindingMode,
            registration.QueueMode,
            CoreLinkFormat.Format(registration.Objects.Links.Select(path => new Lwm2mLink(path, VersionOf(registration.Objects, path)))),
            ToJson(registration.Objects),
            registration.RegisteredAt,
            registration.LastUpdateAt,
            registration.ExpiresAt,
            registration.Online,
            registration.OfflineSince,
            sparkplug)
        {
            Sms = registration.Sms,
            Dialect = registration.Dialect.ToWire(),
            ContentFormats = registration.Objects.ContentFormats,
        };
    }

    /// <summary>The link's <c>ver</c>, written on an object link as the client registered it.</summary>
    static Dictionary<string, string?> VersionOf(Lwm2mObjectList objects, Lwm2mPath path) =>
        path.IsObject && objects.Versions.TryGetValue(path.ObjectId!.Value, out var version) ? new() { ["ver"] = version } : [];

    public static JsonElement ToJson(Lwm2mObjectList objects)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Lwm2mMessageWriter.WriteObjects(writer, objects);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
