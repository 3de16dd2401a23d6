using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;
using LwM2MSparkplug.Protocols.Lwm2m.Observe;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.DeviceSimulator.Lwm2m;

/// <summary>What an Execute asks the device to do beyond answering.</summary>
public enum ExecuteEffect
{
    None,
    Reboot,
    RegistrationUpdate,
}

/// <summary>
/// The LwM2M objects of a simulated device: Server (1), Device (3), Connectivity Monitoring (4) and Temperature
/// (3303, instance 0 bound to the sensor, more by Create), with live values from the <see cref="SensorModel"/>.
/// Not thread-safe: the device's worker uses it one request at a time.
/// </summary>
public sealed class SimulatedLwm2mObjects
{
    const ushort ServerObject = 1;
    const ushort DeviceObject = 3;
    const ushort ConnectivityObject = 4;
    const ushort TemperatureObject = 3303;

    readonly string _endpoint;
    readonly SensorModel _sensor;
    readonly Dictionary<Lwm2mPath, NotificationAttributes> _attributes = [];
    readonly SortedDictionary<ushort, TemperatureInstance> _temperatures = new() { [0] = new TemperatureInstance("Cel", "ambient") };
    readonly Random _random;
    TimeSpan _clockOffset;

    public SimulatedLwm2mObjects(string endpoint, SensorModel sensor, TimeSpan lifetime)
    {
        _endpoint = endpoint;
        _sensor = sensor;
        _random = new Random(endpoint.GetHashCode(StringComparison.Ordinal));
        Lifetime = (long)lifetime.TotalSeconds;
    }

    /// <summary>/1/0/1, written by the server; the device re-registers its lifetime with an Update.</summary>
    public long Lifetime { get; private set; }
    public string Binding { get; private set; } = "UQ";
    public long DefaultMinimumPeriod { get; private set; }
    public long DefaultMaximumPeriod { get; private set; }
    public bool MuteSend { get; private set; }
    public string UtcOffset { get; private set; } = "+00:00";
    public string Timezone { get; private set; } = "UTC";

    /// <summary>The object instances to announce in Register and Update.</summary>
    public IReadOnlyList<Lwm2mPath> ObjectLinks =>
        [Lwm2mPath.Create(ServerObject, 0), Lwm2mPath.Create(DeviceObject, 0), Lwm2mPath.Create(ConnectivityObject, 0),
         .. _temperatures.Keys.Select(id => Lwm2mPath.Create(TemperatureObject, id))];

    /// <summary>Every readable value at or below <paramref name="path"/>; null when the path does not exist.</summary>
    public IReadOnlyList<Lwm2mResourceValue>? Read(Lwm2mPath path)
    {
        if (path.IsRoot || !Exists(path))
        {
            return null;
        }
        var values = AllValues().Where(v => path.Contains(v.Path)).ToList();
        return values.Count == 0 && path.Depth >= 3 ? null : values;
    }

    /// <summary>Whether the path names an existing object, instance, resource or resource instance.</summary>
    public bool Exists(Lwm2mPath path)
    {
        if (path.ObjectId is not { } objectId || !Lwm2mObjectModel.TryGetObject(objectId, out var definition) || objectId is 0 or 5 or 6)
        {
            return false;
        }
        if (path.ObjectInstanceId is { } instanceId && !InstanceExists(objectId, instanceId))
        {
            return false;
        }
        if (path.ResourceId is { } resourceId)
        {
            if (!definition.Resources.TryGetValue(resourceId, out var resource))
            {
                return false;
            }
            if (resource.IsExecutable)
            {
                return !path.IsResourceInstance;
            }
            return AllValues().Any(v => path.Contains(v.Path));
        }
        return true;
    }

    public Lwm2mResultCode Write(Lwm2mPath path, bool replace, IReadOnlyList<Lwm2mResourceValue> values, DateTimeOffset now, out string error)
    {
        error = string.Empty;
        if (!Exists(path) || path.Depth < 2)
        {
            error = $"{path} does not exist";
            return path.Depth < 2 ? Lwm2mResultCode.MethodNotAllowed : Lwm2mResultCode.NotFound;
        }
        foreach (var value in values)
        {
            if (!path.Contains(value.Path))
            {
                error = $"{value.Path} is not under {path}";
                return Lwm2mResultCode.BadRequest;
            }
            var resource = value.Path.IsResourceInstance ? value.Path.Parent : value.Path;
            if (!Lwm2mObjectModel.TryGetResource(value.Path, out var definition) || !Exists(resource))
            {
                error = $"{value.Path} does not exist";
                return Lwm2mResultCode.NotFound;
            }
            if (!definition.IsWritable)
            {
                error = $"{value.Path} is not writable";
                return Lwm2mResultCode.MethodNotAllowed;
            }
        }
        foreach (var value in values)
        {
            Apply(value, now);
        }
        _ = replace; // Every writable resource here is single-valued, so replace and partial update agree.
        return Lwm2mResultCode.Changed;
    }

    public Lwm2mResultCode Execute(Lwm2mPath path, out ExecuteEffect effect, out string error)
    {
        effect = ExecuteEffect.None;
        error = string.Empty;
        if (!path.IsResource || !Exists(path))
        {
            error = $"{path} does not exist";
            return Lwm2mResultCode.NotFound;
        }
        if (!Lwm2mObjectModel.TryGetResource(path, out var definition) || !definition.IsExecutable)
        {
            error = $"{path} is not executable";
            return Lwm2mResultCode.MethodNotAllowed;
        }
        switch ((path.ObjectId, path.ResourceId))
        {
            case (DeviceObject, 4):
                effect = ExecuteEffect.Reboot;
                break;
            case (DeviceObject, 5):
                _attributes.Clear();
                (Lifetime, Binding, UtcOffset, Timezone, _clockOffset) = (Lifetime, "UQ", "+00:00", "UTC", TimeSpan.Zero);
                break;
            case (ServerObject, 8):
                effect = ExecuteEffect.RegistrationUpdate;
                break;
            case (TemperatureObject, 5605):
                _temperatures[path.ObjectInstanceId!.Value].ResetMinMax();
                break;
        }
        return Lwm2mResultCode.Changed;
    }

    public Lwm2mResultCode Create(Lwm2mPath objectPath, IReadOnlyList<Lwm2mResourceValue> values, out Lwm2mPath created, out string error)
    {
        created = default;
        error = string.Empty;
        if (!objectPath.IsObject || objectPath.ObjectId != TemperatureObject)
        {
            error = objectPath.IsObject && Exists(objectPath) ? $"{objectPath} does not take new instances" : $"{objectPath} is not an object this device supports";
            return Exists(objectPath) ? Lwm2mResultCode.MethodNotAllowed : Lwm2mResultCode.NotFound;
        }
        var requested = values.Select(v => v.Path.ObjectInstanceId).FirstOrDefault();
        var instanceId = requested ?? (ushort)Enumerable.Range(0, Lwm2mPath.MaxId).First(i => !_temperatures.ContainsKey((ushort)i));
        if (_temperatures.ContainsKey(instanceId))
        {
            error = $"/3303/{instanceId} already exists";
            return Lwm2mResultCode.BadRequest;
        }
        var units = values.FirstOrDefault(v => v.Path.ResourceId == 5701)?.Value as string ?? "Cel";
        var application = values.FirstOrDefault(v => v.Path.ResourceId == 5750)?.Value as string ?? string.Empty;
        _temperatures[instanceId] = new TemperatureInstance(units, application) { Offset = (_random.NextDouble() * 4) - 2 };
        created = Lwm2mPath.Create(TemperatureObject, instanceId);
        return Lwm2mResultCode.Created;
    }

    public Lwm2mResultCode Delete(Lwm2mPath path, out string error)
    {
        error = string.Empty;
        if (!path.IsObjectInstance || !Exists(path))
        {
            error = $"{path} is not an existing object instance";
            return path.IsObjectInstance ? Lwm2mResultCode.NotFound : Lwm2mResultCode.MethodNotAllowed;
        }
        if (path.ObjectId != TemperatureObject || path.ObjectInstanceId == 0)
        {
            error = $"{path} is part of the device and cannot be deleted";
            return Lwm2mResultCode.MethodNotAllowed;
        }
        _temperatures.Remove(path.ObjectInstanceId!.Value);
        _attributes.Keys.Where(path.Contains).ToList().ForEach(p => _attributes.Remove(p));
        return Lwm2mResultCode.Deleted;
    }

    public void SetAttributes(Lwm2mPath path, NotificationAttributes attributes)
    {
        if (attributes.IsEmpty)
        {
            _attributes.Remove(path);
        }
        else
        {
            _attributes[path] = attributes;
        }
    }

    public NotificationAttributes AttributesAt(Lwm2mPath path) => _attributes.GetValueOrDefault(path, NotificationAttributes.None);

    /// <summary>
    /// The attributes that apply to an observation of <paramref name="path"/>: each attribute from the nearest level
    /// that sets it (Core §5.1.2), pmin/pmax defaulting to the Server object's default periods.
    /// </summary>
    public NotificationAttributes EffectiveAttributes(Lwm2mPath path)
    {
        var effective = NotificationAttributes.None;
        for (var level = path; ; level = level.Parent)
        {
            if (_attributes.TryGetValue(level, out var set))
            {
                effective = new NotificationAttributes(
                    effective.Pmin ?? set.Pmin,
                    effective.Pmax ?? set.Pmax,
                    effective.Gt ?? set.Gt,
                    effective.Lt ?? set.Lt,
                    effective.St ?? set.St);
            }
            if (level.IsRoot)
            {
                break;
            }
        }
        return effective with
        {
            Pmin = effective.Pmin ?? (DefaultMinimumPeriod > 0 ? DefaultMinimumPeriod : null),
            Pmax = effective.Pmax ?? (DefaultMaximumPeriod > 0 ? DefaultMaximumPeriod : null),
        };
    }

    bool InstanceExists(ushort objectId, ushort instanceId) => objectId == TemperatureObject ? _temperatures.ContainsKey(instanceId) : instanceId == 0;

    void Apply(Lwm2mResourceValue value, DateTimeOffset now)
    {
        switch ((value.Path.ObjectId, value.Path.ResourceId, value.Value))
        {
            case (ServerObject, 1, long lifetime): Lifetime = lifetime; break;
            case (ServerObject, 2, long pmin): DefaultMinimumPeriod = pmin; break;
            case (ServerObject, 3, long pmax): DefaultMaximumPeriod = pmax; break;
            case (ServerObject, 7, string binding): Binding = binding; break;
            case (ServerObject, 23, bool mute): MuteSend = mute; break;
            case (DeviceObject, 13, long time): _clockOffset = DateTimeOffset.FromUnixTimeSeconds(time) - now; break;
            case (DeviceObject, 14, string offset): UtcOffset = offset; break;
            case (DeviceObject, 15, string zone): Timezone = zone; break;
            case (TemperatureObject, 5750, string application): _temperatures[value.Path.ObjectInstanceId!.Value].Application = application; break;
        }
    }

    IEnumerable<Lwm2mResourceValue> AllValues()
    {
        var now = _sensor.Now + _clockOffset;
        // Server (1/0)
        yield return Value(ServerObject, 0, 0, Lwm2mResourceType.Integer, 1L);
        yield return Value(ServerObject, 0, 1, Lwm2mResourceType.Integer, Lifetime);
        yield return Value(ServerObject, 0, 2, Lwm2mResourceType.Integer, DefaultMinimumPeriod);
        yield return Value(ServerObject, 0, 3, Lwm2mResourceType.Integer, DefaultMaximumPeriod);
        yield return Value(ServerObject, 0, 6, Lwm2mResourceType.Boolean, true);
        yield return Value(ServerObject, 0, 7, Lwm2mResourceType.String, Binding);
        yield return Value(ServerObject, 0, 23, Lwm2mResourceType.Boolean, MuteSend);
        // Device (3/0)
        yield return Value(DeviceObject, 0, 0, Lwm2mResourceType.String, SensorLwm2mMessages.Manufacturer);
        yield return Value(DeviceObject, 0, 1, Lwm2mResourceType.String, SensorLwm2mMessages.ModelNumber);
        yield return Value(DeviceObject, 0, 2, Lwm2mResourceType.String, _endpoint);
        yield return Value(DeviceObject, 0, 3, Lwm2mResourceType.String, SensorLwm2mMessages.FirmwareVersion);
        yield return Instance(DeviceObject, 6, 0, Lwm2mResourceType.Integer, 1L);
        yield return Instance(DeviceObject, 6, 1, Lwm2mResourceType.Integer, 5L);
        yield return Instance(DeviceObject, 7, 0, Lwm2mResourceType.Integer, (long)(3000 + (12 * _sensor.BatteryLevel)));
        yield return Instance(DeviceObject, 7, 1, Lwm2mResourceType.Integer, 5000L);
        yield return Value(DeviceObject, 0, 9, Lwm2mResourceType.Integer, (long)_sensor.BatteryPercent);
        yield return Value(DeviceObject, 0, 10, Lwm2mResourceType.Integer, 512L);
        yield return Instance(DeviceObject, 11, 0, Lwm2mResourceType.Integer, _sensor.BatteryPercent < 10 ? 1L : 0L);
        yield return Value(DeviceObject, 0, 13, Lwm2mResourceType.Time, now.ToUnixTimeSeconds());
        yield return Value(DeviceObject, 0, 14, Lwm2mResourceType.String, UtcOffset);
        yield return Value(DeviceObject, 0, 15, Lwm2mResourceType.String, Timezone);
        yield return Value(DeviceObject, 0, 16, Lwm2mResourceType.String, "UQ");
        yield return Value(DeviceObject, 0, 17, Lwm2mResourceType.String, "temperature_sensor");
        yield return Value(DeviceObject, 0, 20, Lwm2mResourceType.Integer, _sensor.BatteryPercent < 10 ? 4L : 0L);
        yield return Value(DeviceObject, 0, 21, Lwm2mResourceType.Integer, 1024L);
        // Connectivity Monitoring (4/0)
        yield return Value(ConnectivityObject, 0, 0, Lwm2mResourceType.Integer, 41L);
        yield return Instance(ConnectivityObject, 1, 0, Lwm2mResourceType.Integer, 41L);
        yield return Value(ConnectivityObject, 0, 2, Lwm2mResourceType.Integer, (long)(-70 + Math.Round(Math.Sin(_sensor.UptimeSeconds / 30.0) * 8)));
        yield return Value(ConnectivityObject, 0, 3, Lwm2mResourceType.Integer, 90L);
        yield return Instance(ConnectivityObject, 4, 0, Lwm2mResourceType.String, "10.0.0.2");
        // Temperature (3303/*)
        foreach (var (instanceId, temperature) in _temperatures)
        {
            var value = Math.Round(_sensor.Temperature + temperature.Offset, 2);
            temperature.Observe(value);
            yield return Value(TemperatureObject, instanceId, 5700, Lwm2mResourceType.Float, value);
            yield return Value(TemperatureObject, instanceId, 5601, Lwm2mResourceType.Float, temperature.Min);
            yield return Value(TemperatureObject, instanceId, 5602, Lwm2mResourceType.Float, temperature.Max);
            yield return Value(TemperatureObject, instanceId, 5701, Lwm2mResourceType.String, temperature.Units);
            yield return Value(TemperatureObject, instanceId, 5750, Lwm2mResourceType.String, temperature.Application);
        }
    }

    static Lwm2mResourceValue Value(ushort objectId, ushort instanceId, ushort resourceId, Lwm2mResourceType type, object value) =>
        new(Lwm2mPath.Create(objectId, instanceId, resourceId), type, value);

    static Lwm2mResourceValue Instance(ushort objectId, ushort resourceId, ushort resourceInstanceId, Lwm2mResourceType type, object value) =>
        new(Lwm2mPath.Create(objectId, 0, resourceId, resourceInstanceId), type, value);

    sealed class TemperatureInstance(string units, string application)
    {
        public string Units { get; } = units;
        public string Application { get; set; } = application;
        public double Offset { get; init; }
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
