using LwM2MSparkplug.Protocols.Lwm2m.Model;

namespace LwM2MSparkplug.Lwm2mServer.Registry;

/// <summary>A device's definitions: the object versions it registered, resolved against the model (1.0 when unregistered).</summary>
public static class RegisteredDeviceModel
{
    static readonly IReadOnlyDictionary<ushort, string> NoVersions = new Dictionary<ushort, string>();

    public static Lwm2mDeviceModel ModelOf(this IRegistrationStore store, Lwm2mObjectModel model, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(model);
        return model.ForVersions(store.TryGet(endpoint, out var registration) ? registration.Objects.Versions : NoVersions);
    }
}
