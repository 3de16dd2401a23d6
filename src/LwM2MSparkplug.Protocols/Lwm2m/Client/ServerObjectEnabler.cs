using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>
/// LwM2M Server (object 1, instance 0): the settings the client keeps for its one server. The
/// <see cref="Lwm2mClient"/> acts on them: the lifetime paces Updates, the default periods apply to observations,
/// Mute Send stops Send, Registration Update Trigger sends an Update.
/// </summary>
public sealed class ServerObjectEnabler : Lwm2mObjectEnabler
{
    public const ushort Id = 1;
    const string BindingLetters = "UMHTSNQ";

    readonly long _initialLifetime;
    readonly string _initialBinding;

    public ServerObjectEnabler(ushort shortServerId, TimeSpan lifetime, string binding)
        : base(Id, "1.2")
    {
        ArgumentException.ThrowIfNullOrEmpty(binding);
        ShortServerId = shortServerId;
        _initialLifetime = (long)lifetime.TotalSeconds;
        _initialBinding = binding;
        Reset();
    }

    public ushort ShortServerId { get; }

    /// <summary>/1/0/1 in seconds, at least 1.</summary>
    public long Lifetime { get; private set; }

    /// <summary>/1/0/2 in seconds; 0: none.</summary>
    public long DefaultMinimumPeriod { get; private set; }

    /// <summary>/1/0/3 in seconds; 0: none.</summary>
    public long DefaultMaximumPeriod { get; private set; }

    public bool NotificationStoring { get; private set; }

    /// <summary>/1/0/7, binding letters such as <c>U</c> or <c>UQ</c>.</summary>
    public string Binding { get; private set; } = string.Empty;

    /// <summary>/1/0/23: true stops the client's Send operations.</summary>
    public bool MuteSend { get; private set; }

    public override IReadOnlyList<ushort> InstanceIds { get; } = [0];

    /// <summary>Registration Update Trigger only: Disable and Bootstrap-Request Trigger are not implemented.</summary>
    public override IReadOnlyList<ushort> ExecutableResourceIds { get; } = [8];

    public override void Read(ushort instanceId, DateTimeOffset now, List<Lwm2mResourceValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        values.Add(Value(instanceId, 0, Lwm2mResourceType.Integer, (long)ShortServerId));
        values.Add(Value(instanceId, 1, Lwm2mResourceType.UnsignedInteger, (ulong)Lifetime));
        values.Add(Value(instanceId, 2, Lwm2mResourceType.Integer, DefaultMinimumPeriod));
        values.Add(Value(instanceId, 3, Lwm2mResourceType.Integer, DefaultMaximumPeriod));
        values.Add(Value(instanceId, 6, Lwm2mResourceType.Boolean, NotificationStoring));
        values.Add(Value(instanceId, 7, Lwm2mResourceType.String, Binding));
        values.Add(Value(instanceId, 23, Lwm2mResourceType.Boolean, MuteSend));
    }

    public override Lwm2mResultCode CheckWrite(ushort instanceId, Lwm2mResourceValue value, out string reason)
    {
        ArgumentNullException.ThrowIfNull(value);
        reason = string.Empty;
        switch (value.Path.ResourceId, value.Value)
        {
            case (1, ulong lifetime) when lifetime is < 1 or > uint.MaxValue:
                reason = $"{value.Path} (Lifetime) must be 1 to {uint.MaxValue} seconds; got {lifetime}";
                return Lwm2mResultCode.BadRequest;
            case (2 or 3, long period) when period is < 0 or > uint.MaxValue:
                reason = $"{value.Path} (default period) must be 0 to {uint.MaxValue} seconds; got {period}";
                return Lwm2mResultCode.BadRequest;
            case (7, string binding) when binding.Length == 0 || !binding.All(BindingLetters.Contains):
                reason = $"{value.Path} (Binding) must be binding letters from {BindingLetters}; got '{binding}'";
                return Lwm2mResultCode.BadRequest;
            case (1, ulong) or (2 or 3, long) or (6 or 23, bool) or (7, string):
                return Lwm2mResultCode.Changed;
            case (1 or 2 or 3 or 6 or 7 or 23, _):
                return WrongType(value, out reason);
            default:
                return base.CheckWrite(instanceId, value, out reason);
        }
    }

    public override void Write(ushort instanceId, Lwm2mResourceValue value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Path.ResourceId, value.Value)
        {
            case (1, ulong lifetime): Lifetime = (long)lifetime; break;
            case (2, long pmin): DefaultMinimumPeriod = pmin; break;
            case (3, long pmax): DefaultMaximumPeriod = pmax; break;
            case (6, bool storing): NotificationStoring = storing; break;
            case (7, string binding): Binding = binding; break;
            case (23, bool mute): MuteSend = mute; break;
            default: base.Write(instanceId, value, now); break;
        }
    }

    public override Lwm2mResultCode Execute(ushort instanceId, ushort resourceId, string? arguments, out Lwm2mExecuteEffect effect, out string reason)
    {
        if (resourceId == 8)
        {
            effect = Lwm2mExecuteEffect.RegistrationUpdate;
            reason = string.Empty;
            return Lwm2mResultCode.Changed;
        }
        return base.Execute(instanceId, resourceId, arguments, out effect, out reason);
    }

    public override void Reset()
    {
        Lifetime = _initialLifetime;
        Binding = _initialBinding;
        DefaultMinimumPeriod = 0;
        DefaultMaximumPeriod = 0;
        NotificationStoring = true;
        MuteSend = false;
    }
}
