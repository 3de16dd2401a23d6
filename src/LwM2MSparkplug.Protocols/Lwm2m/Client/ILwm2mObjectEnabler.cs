using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// The client side of one LwM2M Object (Leshan's "object enabler"): which instances exist, their values, and what
/// writing, executing, creating and deleting does. The <see cref="Lwm2mObjectTree"/> resolves paths and checks the
/// object model (existence, readable, writable, executable) before it calls in, so an enabler only does the work.
/// </summary>
public interface ILwm2mObjectEnabler
{
    ushort ObjectId { get; }

    /// <summary>The object version served (the <c>ver</c> the client registers); the object model must define it.</summary>
    string ObjectVersion { get; }

    /// <summary>The existing instance ids, ascending.</summary>
    IReadOnlyList<ushort> InstanceIds { get; }

    /// <summary>The executable resources this object implements (the object model may define more).</summary>
    IReadOnlyList<ushort> ExecutableResourceIds { get; }

    /// <summary>Adds the values of an instance's readable resources (one value per instance of a multiple resource).</summary>
    void Read(ushort instanceId, DateTimeOffset now, List<Lwm2mResourceValue> values);

    /// <summary>
    /// Checks one value for a writable resource (or resource instance) without writing it. A Write changes nothing
    /// unless every one of its values passes, so one bad value cannot leave a write half done.
    /// </summary>
    Lwm2mResultCode CheckWrite(ushort instanceId, Lwm2mResourceValue value, out string reason);

    /// <summary>Writes one value that passed <see cref="CheckWrite"/>.</summary>
    void Write(ushort instanceId, Lwm2mResourceValue value, DateTimeOffset now);

    /// <summary>Executes an executable resource.</summary>
    Lwm2mResultCode Execute(ushort instanceId, ushort resourceId, string? arguments, out Lwm2mExecuteEffect effect, out string reason);

    /// <summary>Creates an instance (its id requested, or chosen when null) from its resources' values.</summary>
    Lwm2mResultCode Create(ushort? instanceId, IReadOnlyList<Lwm2mResourceValue> values, out ushort created, out string reason);

    Lwm2mResultCode Delete(ushort instanceId, out string reason);

    /// <summary>Back to the initial settings (Device Factory Reset).</summary>
    void Reset();
}
