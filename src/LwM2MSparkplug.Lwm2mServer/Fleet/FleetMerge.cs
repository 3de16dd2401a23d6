using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// Joins the LwM2M registry and the Sparkplug host's edge nodes into one list, by endpoint = edge node id. An edge
/// node with no registration is listed as <see cref="FleetLwm2mState.Unregistered"/>. When edge nodes of several
/// groups share an id, the device shows the one online, else the one heard from last (the fleet is keyed by endpoint).
/// </summary>
public static class FleetMerge
{
    /// <summary>Every device, ordered by endpoint (ordinal); <paramref name="messagesPerMinute"/> gives an endpoint's LwM2M message rate.</summary>
    public static IReadOnlyList<FleetDevice> Merge(IReadOnlyList<Registration> registrations, IReadOnlyList<HostNode> nodes, DateTimeOffset now, Func<string, int> messagesPerMinute)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(messagesPerMinute);
        var nodeByEndpoint = nodes
            .GroupBy(node => node.EdgeNodeId, StringComparer.Ordinal)
            .ToDictionary(
                ids => ids.Key,
                ids => ids.OrderByDescending(node => node.Online).ThenByDescending(node => node.LastMessageTime).First(),
                StringComparer.Ordinal);
        var devices = new List<FleetDevice>(registrations.Count + nodeByEndpoint.Count);
        foreach (var registration in registrations)
        {
            var sparkplug = nodeByEndpoint.Remove(registration.Endpoint, out var node) ? FleetSparkplugSide.From(node) : null;
            devices.Add(FromRegistration(registration, sparkplug, now, messagesPerMinute(registration.Endpoint)));
        }
        devices.AddRange(nodeByEndpoint.Values.Select(node => Unregistered(node.EdgeNodeId, FleetSparkplugSide.From(node), messagesPerMinute(node.EdgeNodeId))));
        devices.Sort((a, b) => string.CompareOrdinal(a.Endpoint, b.Endpoint));
        return devices;
    }

    /// <summary>One device: its registration when it has one, else an <see cref="FleetLwm2mState.Unregistered"/> row.</summary>
    public static FleetDevice Device(string endpoint, Registration? registration, FleetSparkplugSide? sparkplug, DateTimeOffset now, int messagesPerMinute) =>
        registration is null ? Unregistered(endpoint, sparkplug, messagesPerMinute) : FromRegistration(registration, sparkplug, now, messagesPerMinute);

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
}
