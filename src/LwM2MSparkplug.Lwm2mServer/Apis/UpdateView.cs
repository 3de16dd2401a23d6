using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>What an Update changed, as recorded in the event log. Absent fields were not in the Update.</summary>
public sealed record UpdateView(string RegistrationId, long? LifetimeSeconds, string? BindingMode, JsonElement? Objects, DateTimeOffset ExpiresAt)
{
    public static UpdateView From(Registration registration, UpdateRequest update)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(update);
        return new UpdateView(
            registration.RegistrationId,
            update.Lifetime is { } lifetime ? (long)lifetime.TotalSeconds : null,
            update.BindingMode,
            update.Objects is null ? null : DeviceView.ToJson(registration.Objects),
            registration.ExpiresAt);
    }
}
