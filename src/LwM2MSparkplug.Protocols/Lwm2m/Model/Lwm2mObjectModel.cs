using LwM2MSparkplug.Protocols.Lwm2m.Paths;
using Op = LwM2MSparkplug.Protocols.Lwm2m.Model.Lwm2mOperations;
using Type = LwM2MSparkplug.Protocols.Lwm2m.Model.Lwm2mResourceType;

namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>
/// The object definitions this project knows: LwM2M Security (0), Server (1), Device (3), Connectivity Monitoring (4),
/// Firmware Update (5), Location (6) and IPSO Temperature (3303), from the OMA LwM2M registry. Other objects pass
/// through untyped.
/// </summary>
public static class Lwm2mObjectModel
{
    public static readonly IReadOnlyDictionary<ushort, Lwm2mObjectDefinition> Objects = new Lwm2mObjectDefinition[]
    {
        // Security resources are for bootstrap only: the LwM2M server cannot read or write them (Core §E.1).
        new(0, "LwM2M Security", "1.2", multiple: true, mandatory: true,
        [
            new(0, "LwM2M Server URI", Op.None, false, true, Type.String),
            new(1, "Bootstrap-Server", Op.None, false, true, Type.Boolean),
            new(2, "Security Mode", Op.None, false, true, Type.Integer),
            new(3, "Public Key or Identity", Op.None, false, true, Type.Opaque),
            new(4, "Server Public Key", Op.None, false, true, Type.Opaque),
            new(5, "Secret Key", Op.None, false, true, Type.Opaque),
            new(10, "Short Server ID", Op.None, false, false, Type.Integer),
            new(11, "Client Hold Off Time", Op.None, false, false, Type.Integer, "s"),
            new(26, "MQTT Server", Op.None, false, false, Type.ObjectLink),
        ]),
        new(1, "LwM2M Server", "1.2", multiple: true, mandatory: true,
        [
            new(0, "Short Server ID", Op.Read, false, true, Type.Integer),
            new(1, "Lifetime", Op.ReadWrite, false, true, Type.Integer, "s"),
            new(2, "Default Minimum Period", Op.ReadWrite, false, false, Type.Integer, "s"),
            new(3, "Default Maximum Period", Op.ReadWrite, false, false, Type.Integer, "s"),
            new(4, "Disable", Op.Execute, false, false, Type.None),
            new(5, "Disable Timeout", Op.ReadWrite, false, false, Type.Integer, "s"),
            new(6, "Notification Storing When Disabled or Offline", Op.ReadWrite, false, true, Type.Boolean),
            new(7, "Binding", Op.ReadWrite, false, true, Type.String),
            new(8, "Registration Update Trigger", Op.Execute, false, true, Type.None),
            new(9, "Bootstrap-Request Trigger", Op.Execute, false, false, Type.None),
            new(22, "Preferred Transport", Op.ReadWrite, false, false, Type.String),
            new(23, "Mute Send", Op.ReadWrite, false, false, Type.Boolean),
        ]),
        new(3, "Device", "1.2", multiple: false, mandatory: true,
        [
            new(0, "Manufacturer", Op.Read, false, false, Type.String),
            new(1, "Model Number", Op.Read, false, false, Type.String),
            new(2, "Serial Number", Op.Read, false, false, Type.String),
            new(3, "Firmware Version", Op.Read, false, false, Type.String),
            new(4, "Reboot", Op.Execute, false, true, Type.None),
            new(5, "Factory Reset", Op.Execute, false, false, Type.None),
            new(6, "Available Power Sources", Op.Read, true, false, Type.Integer),
            new(7, "Power Source Voltage", Op.Read, true, false, Type.Integer, "mV"),
            new(8, "Power Source Current", Op.Read, true, false, Type.Integer, "mA"),
            new(9, "Battery Level", Op.Read, false, false, Type.Integer, "%"),
            new(10, "Memory Free", Op.Read, false, false, Type.Integer, "KB"),
            new(11, "Error Code", Op.Read, true, true, Type.Integer),
            new(12, "Reset Error Code", Op.Execute, false, false, Type.None),
            new(13, "Current Time", Op.ReadWrite, false, false, Type.Time),
            new(14, "UTC Offset", Op.ReadWrite, false, false, Type.String),
            new(15, "Timezone", Op.ReadWrite, false, false, Type.String),
            new(16, "Supported Binding and Modes", Op.Read, false, true, Type.String),
            new(17, "Device Type", Op.Read, false, false, Type.String),
            new(18, "Hardware Version", Op.Read, false, false, Type.String),
            new(19, "Software Version", Op.Read, false, false, Type.String),
            new(20, "Battery Status", Op.Read, false, false, Type.Integer),
            new(21, "Memory Total", Op.Read, false, false, Type.Integer, "KB"),
            new(22, "ExtDevInfo", Op.Read, true, false, Type.ObjectLink),
        ]),
        new(4, "Connectivity Monitoring", "1.3", multiple: false, mandatory: false,
        [
            new(0, "Network Bearer", Op.Read, false, true, Type.Integer),
            new(1, "Available Network Bearer", Op.Read, true, true, Type.Integer),
            new(2, "Radio Signal Strength", Op.Read, false, true, Type.Integer, "dBm"),
            new(3, "Link Quality", Op.Read, false, false, Type.Integer),
            new(4, "IP Addresses", Op.Read, true, true, Type.String),
            new(5, "Router IP Addresses", Op.Read, true, false, Type.String),
            new(6, "Link Utilization", Op.Read, false, false, Type.Integer, "%"),
            new(7, "APN", Op.Read, true, false, Type.String),
            new(8, "Cell ID", Op.Read, false, false, Type.Integer),
            new(9, "SMNC", Op.Read, false, false, Type.Integer),
            new(10, "SMCC", Op.Read, false, false, Type.Integer),
            new(11, "SignalSNR", Op.Read, false, false, Type.Integer, "dB"),
            new(12, "LAC", Op.Read, false, false, Type.Integer),
        ]),
        new(5, "Firmware Update", "1.1", multiple: false, mandatory: false,
        [
            new(0, "Package", Op.Write, false, true, Type.Opaque),
            new(1, "Package URI", Op.ReadWrite, false, true, Type.String),
            new(2, "Update", Op.Execute, false, true, Type.None),
            new(3, "State", Op.Read, false, true, Type.Integer),
            new(5, "Update Result", Op.Read, false, true, Type.Integer),
            new(6, "PkgName", Op.Read, false, false, Type.String),
            new(7, "PkgVersion", Op.Read, false, false, Type.String),
            new(8, "Firmware Update Protocol Support", Op.Read, true, false, Type.Integer),
            new(9, "Firmware Update Delivery Method", Op.Read, false, true, Type.Integer),
        ]),
        new(6, "Location", "1.0", multiple: false, mandatory: false,
        [
            new(0, "Latitude", Op.Read, false, true, Type.Float, "lat"),
            new(1, "Longitude", Op.Read, false, true, Type.Float, "lon"),
            new(2, "Altitude", Op.Read, false, false, Type.Float, "m"),
            new(3, "Radius", Op.Read, false, false, Type.Float, "m"),
            new(4, "Velocity", Op.Read, false, false, Type.Opaque),
            new(5, "Timestamp", Op.Read, false, true, Type.Time),
            new(6, "Speed", Op.Read, false, false, Type.Float, "m/s"),
        ]),
        new(3303, "Temperature", "1.1", multiple: true, mandatory: false,
        [
            new(5700, "Sensor Value", Op.Read, false, true, Type.Float),
            new(5601, "Min Measured Value", Op.Read, false, false, Type.Float),
            new(5602, "Max Measured Value", Op.Read, false, false, Type.Float),
            new(5603, "Min Range Value", Op.Read, false, false, Type.Float),
            new(5604, "Max Range Value", Op.Read, false, false, Type.Float),
            new(5605, "Reset Min and Max Measured Values", Op.Execute, false, false, Type.None),
            new(5701, "Sensor Units", Op.Read, false, false, Type.String),
            new(5750, "Application Type", Op.ReadWrite, false, false, Type.String),
            new(5518, "Timestamp", Op.Read, false, false, Type.Time),
        ]),
    }.ToDictionary(o => o.Id);

    public static bool TryGetObject(ushort objectId, out Lwm2mObjectDefinition definition) =>
        Objects.TryGetValue(objectId, out definition!);

    /// <summary>The definition of the resource a resource or resource-instance path names, when its object is known.</summary>
    public static bool TryGetResource(Lwm2mPath path, out Lwm2mResourceDefinition definition)
    {
        definition = null!;
        return path.ObjectId is { } objectId && path.ResourceId is { } resourceId
            && Objects.TryGetValue(objectId, out var obj)
            && obj.Resources.TryGetValue(resourceId, out definition!);
    }

    /// <summary>
    /// Checks a path against the known definitions: unknown objects pass (untyped); a known object's resource must be
    /// defined, and a resource instance needs a multiple resource. Returns an explanation, or null when valid.
    /// </summary>
    public static string? Validate(Lwm2mPath path)
    {
        if (path.ObjectId is not { } objectId || !Objects.TryGetValue(objectId, out var obj))
        {
            return null;
        }
        if (!obj.Multiple && path.ObjectInstanceId is > 0)
        {
            return $"object {objectId} ({obj.Name}) has a single instance, 0";
        }
        if (path.ResourceId is { } resourceId)
        {
            if (!obj.Resources.TryGetValue(resourceId, out var resource))
            {
                return $"object {objectId} ({obj.Name}) has no resource {resourceId}";
            }
            if (path.IsResourceInstance && !resource.Multiple)
            {
                return $"resource {path.Parent} ({resource.Name}) has no instances";
            }
        }
        return null;
    }
}
