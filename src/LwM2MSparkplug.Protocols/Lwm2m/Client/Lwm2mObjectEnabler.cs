using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// A base for object enablers: nothing is writable, executable, creatable or deletable until overridden, and helpers
/// build values with their paths, typed by the object's definition.
/// </summary>
public abstract class Lwm2mObjectEnabler(ushort objectId, string objectVersion) : ILwm2mObjectEnabler
{
    public ushort ObjectId { get; } = objectId;

    public string ObjectVersion { get; } = objectVersion;

    public abstract IReadOnlyList<ushort> InstanceIds { get; }

    public virtual IReadOnlyList<ushort> ExecutableResourceIds { get; } = [];

    public abstract void Read(ushort instanceId, DateTimeOffset now, List<Lwm2mResourceValue> values);

    public virtual Lwm2mResultCode CheckWrite(ushort instanceId, Lwm2mResourceValue value, out string reason)
    {
        ArgumentNullException.ThrowIfNull(value);
        reason = $"{value.Path} is not writable on this device";
        return Lwm2mResultCode.MethodNotAllowed;
    }

    public virtual void Write(ushort instanceId, Lwm2mResourceValue value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        throw new InvalidOperationException($"{value.Path} was written without passing CheckWrite.");
    }

    public virtual Lwm2mResultCode Execute(ushort instanceId, ushort resourceId, string? arguments, out Lwm2mExecuteEffect effect, out string reason)
    {
        effect = Lwm2mExecuteEffect.None;
        reason = $"{Lwm2mPath.Create(ObjectId, instanceId, resourceId)} is not executable on this device";
        return Lwm2mResultCode.MethodNotAllowed;
    }

    public virtual Lwm2mResultCode Create(ushort? instanceId, IReadOnlyList<Lwm2mResourceValue> values, out ushort created, out string reason)
    {
        created = 0;
        reason = $"{Lwm2mPath.Create(ObjectId)} does not take new instances";
        return Lwm2mResultCode.MethodNotAllowed;
    }

    public virtual Lwm2mResultCode Delete(ushort instanceId, out string reason)
    {
        reason = $"{Lwm2mPath.Create(ObjectId, instanceId)} is part of the device and cannot be deleted";
        return Lwm2mResultCode.MethodNotAllowed;
    }

    public virtual void Reset()
    {
    }

    protected Lwm2mResourceValue Value(ushort instanceId, ushort resourceId, Lwm2mResourceType type, object value) =>
        new(Lwm2mPath.Create(ObjectId, instanceId, resourceId), type, value);

    protected Lwm2mResourceValue Value(ushort instanceId, ushort resourceId, ushort resourceInstanceId, Lwm2mResourceType type, object value) =>
        new(Lwm2mPath.Create(ObjectId, instanceId, resourceId, resourceInstanceId), type, value);

    /// <summary>The answer to a value whose CLR type does not match its resource's type (the decoders never produce one).</summary>
    protected static Lwm2mResultCode WrongType(Lwm2mResourceValue value, out string reason)
    {
        ArgumentNullException.ThrowIfNull(value);
        reason = $"{value.Path} takes a {value.Type} value";
        return Lwm2mResultCode.BadRequest;
    }
}
