using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Client;

/// <summary>A small Device object (3) whose battery level the test sets: Manufacturer, Battery Level, Current Time, Reboot, Factory Reset.</summary>
sealed class TestDeviceObject() : Lwm2mObjectEnabler(3, "1.2")
{
    TimeSpan _clockOffset;

    public long Battery { get; set; } = 80;

    public override IReadOnlyList<ushort> InstanceIds { get; } = [0];

    public override IReadOnlyList<ushort> ExecutableResourceIds { get; } = [4, 5];

    public override void Read(ushort instanceId, DateTimeOffset now, List<Lwm2mResourceValue> values)
    {
        values.Add(Value(instanceId, 0, Lwm2mResourceType.String, "ACME"));
        values.Add(Value(instanceId, 9, Lwm2mResourceType.Integer, Battery));
        values.Add(Value(instanceId, 13, Lwm2mResourceType.Time, (now + _clockOffset).ToUnixTimeSeconds()));
    }

    public override Lwm2mResultCode CheckWrite(ushort instanceId, Lwm2mResourceValue value, out string reason)
    {
        reason = string.Empty;
        return value.Path.ResourceId == 13 && value.Value is long ? Lwm2mResultCode.Changed : base.CheckWrite(instanceId, value, out reason);
    }

    public override void Write(ushort instanceId, Lwm2mResourceValue value, DateTimeOffset now) =>
        _clockOffset = DateTimeOffset.FromUnixTimeSeconds((long)value.Value) - now;

    public override Lwm2mResultCode Execute(ushort instanceId, ushort resourceId, string? arguments, out Lwm2mExecuteEffect effect, out string reason)
    {
        reason = string.Empty;
        effect = resourceId == 4 ? Lwm2mExecuteEffect.Reboot : Lwm2mExecuteEffect.FactoryReset;
        return resourceId is 4 or 5 ? Lwm2mResultCode.Changed : base.Execute(instanceId, resourceId, arguments, out effect, out reason);
    }

    public override void Reset() => _clockOffset = TimeSpan.Zero;
}

/// <summary>Temperature (3303) with a value the test sets, and instances the server may create and delete (not 0).</summary>
sealed class TestTemperatureObject() : Lwm2mObjectEnabler(3303, "1.1")
{
    readonly SortedDictionary<ushort, string> _units = new() { [0] = "Cel" };

    public double Value5700 { get; set; } = 21.5;

    public override IReadOnlyList<ushort> InstanceIds => [.. _units.Keys];

    public override void Read(ushort instanceId, DateTimeOffset now, List<Lwm2mResourceValue> values)
    {
        values.Add(Value(instanceId, 5700, Lwm2mResourceType.Float, Value5700));
        values.Add(Value(instanceId, 5701, Lwm2mResourceType.String, _units[instanceId]));
    }

    public override Lwm2mResultCode Create(ushort? instanceId, IReadOnlyList<Lwm2mResourceValue> values, out ushort created, out string reason)
    {
        created = instanceId ?? (ushort)(_units.Keys.Max() + 1);
        _units[created] = values.FirstOrDefault(v => v.Path.ResourceId == 5701)?.Value as string ?? "Cel";
        reason = string.Empty;
        return Lwm2mResultCode.Created;
    }

    public override Lwm2mResultCode Delete(ushort instanceId, out string reason)
    {
        if (instanceId == 0)
        {
            return base.Delete(instanceId, out reason);
        }
        _units.Remove(instanceId);
        reason = string.Empty;
        return Lwm2mResultCode.Deleted;
    }
}

/// <summary>A Device object (3) with only Available Power Sources (/3/0/6), a multiple resource with two instances.</summary>
sealed class TestPowerSourcesObject() : Lwm2mObjectEnabler(3, "1.2")
{
    public override IReadOnlyList<ushort> InstanceIds { get; } = [0];

    public override void Read(ushort instanceId, DateTimeOffset now, List<Lwm2mResourceValue> values)
    {
        values.Add(Value(instanceId, 6, 0, Lwm2mResourceType.Integer, 1L));
        values.Add(Value(instanceId, 6, 1, Lwm2mResourceType.Integer, 5L));
    }
}
