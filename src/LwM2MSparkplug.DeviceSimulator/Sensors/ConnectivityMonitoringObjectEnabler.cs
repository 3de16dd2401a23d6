using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Lwm2m.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Nodes;

namespace LwM2MSparkplug.DeviceSimulator.Sensors;

/// <summary>LwM2M Connectivity Monitoring (object 4, instance 0): a simulated Ethernet link whose signal strength wanders.</summary>
public sealed class ConnectivityMonitoringObjectEnabler(SensorModel sensor) : Lwm2mObjectEnabler(4, "1.3")
{
    public override IReadOnlyList<ushort> InstanceIds { get; } = [0];

    public override void Read(ushort instanceId, DateTimeOffset now, List<Lwm2mResourceValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        sensor.Advance(now);
        values.Add(Value(instanceId, 0, Lwm2mResourceType.Integer, 41L));
        values.Add(Value(instanceId, 1, 0, Lwm2mResourceType.Integer, 41L));
        values.Add(Value(instanceId, 2, Lwm2mResourceType.Integer, (long)(-70 + Math.Round(Math.Sin(sensor.UptimeSeconds / 30.0) * 8))));
        values.Add(Value(instanceId, 3, Lwm2mResourceType.Integer, 90L));
        values.Add(Value(instanceId, 4, 0, Lwm2mResourceType.String, "10.0.0.2"));
    }
}
