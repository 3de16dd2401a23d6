using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Links;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>A registration as the REST API and the event log show it, with the device's Sparkplug side.</summary>
/// <remarks>
/// <see cref="Objects"/> is the original nested form (object → instance → resource → value). <see cref="Online"/>
/// turns false when the device's connection died (its Sparkplug NDEATH); <see cref="Sparkplug"/> is the edge node
/// session of the same device (edge node id = endpoint), when one was seen.
/// </remarks>
public sealed record DeviceView(
    string Endpoint,
    string RegistrationId,
    long LifetimeSeconds,
    string Version,
    string BindingMode,
    string ObjectLinks,
    JsonElement Objects,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastUpdateAt,
    DateTimeOffset ExpiresAt,
    bool Online,
    DateTimeOffset? OfflineSince,
    SparkplugPresenceView? Sparkplug)
{
    public static DeviceView From(Registration registration, SparkplugPresenceView? sparkplug)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return new DeviceView(
            registration.Endpoint,
            registration.RegistrationId,
            (long)registration.Lifetime.TotalSeconds,
            registration.Version,
            registration.BindingMode,
            CoreLinkFormat.Format(registration.Objects.Links.Select(path => new Lwm2mLink(path, new Dictionary<string, string?>()))),
            ToJson(registration.Objects),
            registration.RegisteredAt,
            registration.LastUpdateAt,
            registration.ExpiresAt,
            registration.Online,
            registration.OfflineSince,
            sparkplug);
    }

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
