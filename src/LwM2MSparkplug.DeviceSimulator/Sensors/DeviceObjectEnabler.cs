using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.DeviceSimulator.Sensors;

/// <summary>
/// LwM2M Device (object 3, instance 0) of the simulated sensor: identity, power and battery from the
/// <see cref="SensorModel"/>, a clock and time zone the server may set, Reboot and Factory Reset; the supported
/// binding (/3/0/16) is the one the device registers with.
/// </summary>
public sealed class DeviceObjectEnabler(string serialNumber, SensorModel sensor, string supportedBinding = "UQ") : Lwm2mObjectEnabler(3, "1.2")
{
    public const string Manufacturer = "IoT Testing Corp";
    public const string ModelNumber = "SimDevice-temperature_sensor";
    public const string FirmwareVersion = "1.0.0";

    static readonly long MinUnixSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds() + 86_400;
    static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds() - 86_400;

    TimeSpan _clockOffset;
    string _utcOffset = "+00:00";
    string _timezone = "UTC";

    public override IReadOnlyList<ushort> InstanceIds { get; } = [0];

    /// <summary>Reboot, Factory Reset and Reset Error Code.</summary>
    public override IReadOnlyList<ushort> ExecutableResourceIds { get; } = [4, 5, 12];

    public override void Read(ushort instanceId, DateTimeOffset now, List<Lwm2mResourceValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        sensor.Advance(now);
        var battery = (long)sensor.BatteryPercent;
        values.Add(Value(instanceId, 0, Lwm2mResourceType.String, Manufacturer));
        values.Add(Value(instanceId, 1, Lwm2mResourceType.String, ModelNumber));
        values.Add(Value(instanceId, 2, Lwm2mResourceType.String, serialNumber));
        values.Add(Value(instanceId, 3, Lwm2mResourceType.String, FirmwareVersion));
        values.Add(Value(instanceId, 6, 0, Lwm2mResourceType.Integer, 1L));
        values.Add(Value(instanceId, 6, 1, Lwm2mResourceType.Integer, 5L));
        values.Add(Value(instanceId, 7, 0, Lwm2mResourceType.Integer, (long)(3000 + (12 * sensor.BatteryLevel))));
        values.Add(Value(instanceId, 7, 1, Lwm2mResourceType.Integer, 5000L));
        values.Add(Value(instanceId, 9, Lwm2mResourceType.Integer, battery));
        values.Add(Value(instanceId, 10, Lwm2mResourceType.Integer, 512L));
        values.Add(Value(instanceId, 11, 0, Lwm2mResourceType.Integer, battery < 10 ? 1L : 0L));
        values.Add(Value(instanceId, 13, Lwm2mResourceType.Time, (now + _clockOffset).ToUnixTimeSeconds()));
        values.Add(Value(instanceId, 14, Lwm2mResourceType.String, _utcOffset));
        values.Add(Value(instanceId, 15, Lwm2mResourceType.String, _timezone));
        values.Add(Value(instanceId, 16, Lwm2mResourceType.String, supportedBinding));
        values.Add(Value(instanceId, 17, Lwm2mResourceType.String, "temperature_sensor"));
        values.Add(Value(instanceId, 20, Lwm2mResourceType.Integer, battery < 10 ? 4L : 0L));
        values.Add(Value(instanceId, 21, Lwm2mResourceType.Integer, 1024L));
    }

    public override Lwm2mResultCode CheckWrite(ushort instanceId, Lwm2mResourceValue value, out string reason)
    {
        ArgumentNullException.ThrowIfNull(value);
        reason = string.Empty;
        return (value.Path.ResourceId, value.Value) switch
        {
            (13, long) or (14 or 15, string) => Lwm2mResultCode.Changed,
            (13 or 14 or 15, _) => WrongType(value, out reason),
            _ => base.CheckWrite(instanceId, value, out reason),
        };
    }

    public override void Write(ushort instanceId, Lwm2mResourceValue value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Path.ResourceId, value.Value)
        {
            // Any time is taken; the clock shows it within the range a DateTimeOffset can hold.
            case (13, long time): _clockOffset = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(time, MinUnixSeconds, MaxUnixSeconds)) - now; break;
            case (14, string offset): _utcOffset = offset; break;
            case (15, string zone): _timezone = zone; break;
            default: base.Write(instanceId, value, now); break;
        }
    }

    public override Lwm2mResultCode Execute(ushort instanceId, ushort resourceId, string? arguments, out Lwm2mExecuteEffect effect, out string reason)
    {
        reason = string.Empty;
        effect = resourceId switch
        {
            4 => Lwm2mExecuteEffect.Reboot,
            5 => Lwm2mExecuteEffect.FactoryReset,
            _ => Lwm2mExecuteEffect.None,
        };
        // Reset Error Code (12): the simulated device reports no errors to reset.
        return resourceId is 4 or 5 or 12 ? Lwm2mResultCode.Changed : base.Execute(instanceId, resourceId, arguments, out effect, out reason);
    }

    public override void Reset()
    {
        _clockOffset = TimeSpan.Zero;
        _utcOffset = "+00:00";
        _timezone = "UTC";
    }
}
