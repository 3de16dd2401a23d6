using System.Text.Json;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>
/// The LwM2M side of a simulated device: Register in the original JSON form and Updates carrying current values
/// of Server (1), Device (3) and Temperature (3303) resources.
/// </summary>
public static class SensorLwm2mMessages
{
    public const string Manufacturer = "IoT Testing Corp";
    public const string ModelNumber = "SimDevice-temperature_sensor";
    public const string FirmwareVersion = "1.0.0";

    /// <summary>The Register in the original JSON form: the object instances with their static and current values.</summary>
    public static RegisterRequest Register(string endpoint, TimeSpan lifetime, SensorModel sensor, IReadOnlyList<Lwm2mPath> objectLinks) =>
        new(endpoint, lifetime, "1.2", "UQ", Objects(endpoint, lifetime, sensor, objectLinks));

    static Lwm2mObjectList Objects(string endpoint, TimeSpan lifetime, SensorModel sensor, IReadOnlyList<Lwm2mPath> objectLinks)
    {
        var values = new Dictionary<Lwm2mPath, JsonElement>
        {
            [Lwm2mPath.Parse("/1/0/0")] = Json(1),
            [Lwm2mPath.Parse("/1/0/1")] = Json((long)lifetime.TotalSeconds),
            [Lwm2mPath.Parse("/1/0/7")] = Json("UQ"),
            [Lwm2mPath.Parse("/3/0/0")] = Json(Manufacturer),
            [Lwm2mPath.Parse("/3/0/1")] = Json(ModelNumber),
            [Lwm2mPath.Parse("/3/0/2")] = Json(endpoint),
            [Lwm2mPath.Parse("/3/0/3")] = Json(FirmwareVersion),
            [Lwm2mPath.Parse("/3/0/9")] = Json(sensor.BatteryPercent),
            [Lwm2mPath.Parse("/3/0/13")] = Json(sensor.Now.ToUnixTimeSeconds()),
            [Lwm2mPath.Parse("/3/0/16")] = Json("UQ"),
            [Lwm2mPath.Parse("/3303/0/5700")] = Json(Math.Round(sensor.Temperature, 2)),
            [Lwm2mPath.Parse("/3303/0/5701")] = Json("Cel"),
        };
        return new Lwm2mObjectList(objectLinks, values);
    }

    static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);
}
