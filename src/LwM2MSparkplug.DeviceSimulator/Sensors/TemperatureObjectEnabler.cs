using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.DeviceSimulator.Sensors;

/// <summary>
/// IPSO Temperature (object 3303): instance 0 is the sensor; a server may Create more (each a fixed offset from it,
/// with its own units and application type) and Delete them again. Min/max track what was read.
/// </summary>
public sealed class TemperatureObjectEnabler(SensorModel sensor, Random random) : Lwm2mObjectEnabler(3303, "1.1")
{
    readonly SortedDictionary<ushort, TemperatureInstance> _instances = new() { [0] = new TemperatureInstance("Cel", "ambient", 0) };
    ushort[] _instanceIds = [0];

    public override IReadOnlyList<ushort> InstanceIds => _instanceIds;

    /// <summary>Reset Min and Max Measured Values.</summary>
    public override IReadOnlyList<ushort> ExecutableResourceIds { get; } = [5605];

    public override void Read(ushort instanceId, DateTimeOffset now, List<Lwm2mResourceValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        sensor.Advance(now);
        var instance = _instances[instanceId];
        var value = Math.Round(sensor.Temperature + instance.Offset, 2);
        instance.Observe(value);
        values.Add(Value(instanceId, 5700, Lwm2mResourceType.Float, value));
        values.Add(Value(instanceId, 5601, Lwm2mResourceType.Float, instance.Min));
        values.Add(Value(instanceId, 5602, Lwm2mResourceType.Float, instance.Max));
        values.Add(Value(instanceId, 5701, Lwm2mResourceType.String, instance.Units));
        values.Add(Value(instanceId, 5750, Lwm2mResourceType.String, instance.Application));
    }

    public override Lwm2mResultCode CheckWrite(ushort instanceId, Lwm2mResourceValue value, out string reason)
    {
        ArgumentNullException.ThrowIfNull(value);
        reason = string.Empty;
        return (value.Path.ResourceId, value.Value) switch
        {
            (5750, string) => Lwm2mResultCode.Changed,
            (5750, _) => WrongType(value, out reason),
            _ => base.CheckWrite(instanceId, value, out reason),
        };
    }

    public override void Write(ushort instanceId, Lwm2mResourceValue value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Path.ResourceId == 5750 && value.Value is string application)
        {
            _instances[instanceId].Application = application;
            return;
        }
        base.Write(instanceId, value, now);
    }

    public override Lwm2mResultCode Execute(ushort instanceId, ushort resourceId, string? arguments, out Lwm2mExecuteEffect effect, out string reason)
    {
        if (resourceId != 5605)
        {
            return base.Execute(instanceId, resourceId, arguments, out effect, out reason);
        }
        effect = Lwm2mExecuteEffect.None;
        reason = string.Empty;
        _instances[instanceId].ResetMinMax();
        return Lwm2mResultCode.Changed;
    }

    public override Lwm2mResultCode Create(ushort? instanceId, IReadOnlyList<Lwm2mResourceValue> values, out ushort created, out string reason)
    {
        ArgumentNullException.ThrowIfNull(values);
        reason = string.Empty;
        created = instanceId ?? (ushort)Enumerable.Range(0, Lwm2mPath.MaxId).First(i => !_instances.ContainsKey((ushort)i));
        var units = values.FirstOrDefault(v => v.Path.ResourceId == 5701)?.Value as string ?? "Cel";
        var application = values.FirstOrDefault(v => v.Path.ResourceId == 5750)?.Value as string ?? string.Empty;
        _instances[created] = new TemperatureInstance(units, application, (random.NextDouble() * 4) - 2);
        _instanceIds = [.. _instances.Keys];
        return Lwm2mResultCode.Created;
    }

    public override Lwm2mResultCode Delete(ushort instanceId, out string reason)
    {
        if (instanceId == 0)
        {
            return base.Delete(instanceId, out reason);
        }
        reason = string.Empty;
        _instances.Remove(instanceId);
        _instanceIds = [.. _instances.Keys];
        return Lwm2mResultCode.Deleted;
    }

    /// <summary>Factory reset: only the sensor's own instance remains, as it came.</summary>
    public override void Reset()
    {
        _instances.Clear();
        _instances[0] = new TemperatureInstance("Cel", "ambient", 0);
        _instanceIds = [0];
    }

    sealed class TemperatureInstance(string units, string application, double offset)
    {
        public string Units { get; } = units;
        public string Application { get; set; } = application;
        public double Offset { get; } = offset;
        public double Min { get; private set; } = double.NaN;
        public double Max { get; private set; } = double.NaN;

        public void Observe(double value)
        {
            Min = double.IsNaN(Min) ? value : Math.Min(Min, value);
            Max = double.IsNaN(Max) ? value : Math.Max(Max, value);
        }

        public void ResetMinMax() => (Min, Max) = (double.NaN, double.NaN);
    }
}
