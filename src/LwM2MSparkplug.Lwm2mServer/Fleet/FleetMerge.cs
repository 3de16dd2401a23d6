using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// Joins the LwM2M registry and the Sparkplug host's edge nodes into one list, by endpoint = edge node id. An edge
/// node with no registration is listed as <see cref="FleetLwm2mState.Unregistered"/>. When edge nodes of several
/// groups share an id, the device shows the one online, else the one heard from last (the fleet is keyed by endpoint).
/// A device that de-registered or expired lately (<see cref="GoneDevices"/>) is listed with its last registration, as
/// <see cref="FleetLwm2mState.Deregistered"/> or <see cref="FleetLwm2mState.Expired"/>, unless it is registered again.
/// </summary>
public static class FleetMerge
{
    /// <summary>
    /// Every device, the recently gone among them, ordered by endpoint (ordinal); <paramref name="messagesPerMinute"/>
    /// gives an endpoint's LwM2M message rate (0 for every device without it).
    /// </summary>
    public static IReadOnlyList<FleetDevice> Merge(
        IReadOnlyList<Registration> registrations, IReadOnlyList<GoneDevice> gone, IReadOnlyList<HostNode> nodes, DateTimeOffset now, Func<string, int>? messagesPerMinute = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(gone);
        ArgumentNullException.ThrowIfNull(nodes);
        var rate = messagesPerMinute ?? (_ => 0);
        var nodeByEndpoint = nodes
            .GroupBy(node => node.EdgeNodeId, StringComparer.Ordinal)
            .ToDictionary(
                ids => ids.Key,
                ids => ids.OrderByDescending(node => node.Online).ThenByDescending(node => node.LastMessageTime).First(),
                StringComparer.Ordinal);
        var devices = new List<FleetDevice>(registrations.Count + gone.Count + nodeByEndpoint.Count);
        foreach (var registration in registrations)
        {
            var sparkplug = nodeByEndpoint.Remove(registration.Endpoint, out var node) ? FleetSparkplugSide.From(node) : null;
            devices.Add(FromRegistration(registration, sparkplug, now, rate(registration.Endpoint)));
        }
        var registered = registrations.Select(registration => registration.Endpoint).ToHashSet(StringComparer.Ordinal);
        foreach (var device in gone.Where(device => !registered.Contains(device.Registration.Endpoint)))
        {
            var sparkplug = nodeByEndpoint.Remove(device.Registration.Endpoint, out var node) ? FleetSparkplugSide.From(node) : null;
            devices.Add(FromGone(device, sparkplug, rate(device.Registration.Endpoint)));
        }
        devices.AddRange(nodeByEndpoint.Values.Select(node => Unregistered(node.EdgeNodeId, FleetSparkplugSide.From(node), rate(node.EdgeNodeId))));
        devices.Sort((a, b) => string.CompareOrdinal(a.Endpoint, b.Endpoint));
        return devices;
    }

    /// <summary>One device: its registration when it has one, else its last one if it left lately, else an <see cref="FleetLwm2mState.Unregistered"/> row.</summary>
    public static FleetDevice Device(string endpoint, Registration? registration, GoneDevice? gone, FleetSparkplugSide? sparkplug, DateTimeOffset now, int messagesPerMinute) =>
        registration is not null ? FromRegistration(registration, sparkplug, now, messagesPerMinute)
        : gone is not null ? FromGone(gone, sparkplug, messagesPerMinute)
        : Unregistered(endpoint, sparkplug, messagesPerMinute);

    static FleetDevice Unregistered(string endpoint, FleetSparkplugSide? sparkplug, int messagesPerMinute) =>
        new(endpoint, FleetLwm2mState.Unregistered, null, null, null, null, null, null, null, messagesPerMinute, sparkplug);

    static FleetDevice FromRegistration(Registration registration, FleetSparkplugSide? sparkplug, DateTimeOffset now, int messagesPerMinute) => new(
        registration.Endpoint,
        registration.Online ? FleetLwm2mState.Registered : FleetLwm2mState.Offline,
        registration.Dialect.ToWire(),
        registration.RegistrationId,
        (long)registration.Lifetime.TotalSeconds,
        Math.Max(0, (long)Math.Ceiling((registration.ExpiresAt - now).TotalSeconds)),
        registration.LastUpdateAt,
        registration.BindingMode,
        registration.Version,
        messagesPerMinute,
        sparkplug);

    static FleetDevice FromGone(GoneDevice gone, FleetSparkplugSide? sparkplug, int messagesPerMinute) => new(
        gone.Registration.Endpoint,
        gone.State,
        gone.Registration.Dialect.ToWire(),
        gone.Registration.RegistrationId,
        (long)gone.Registration.Lifetime.TotalSeconds,
        0,
        gone.Registration.LastUpdateAt,
        gone.Registration.BindingMode,
        gone.Registration.Version,
        messagesPerMinute,
        sparkplug)
    {
        LeftAt = gone.LeftAt,
    };
}
