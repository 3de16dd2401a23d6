using LwM2MSparkplug.DeviceSimulator.Devices;

namespace LwM2MSparkplug.DeviceSimulator.Apis;

/// <summary>A simulated device's state and current readings.</summary>
public sealed record SimulatedDeviceView(
    string DeviceId,
    bool Connected,
    int ConnectionCount,
    bool Lwm2mRegistered,
    bool SparkplugBorn,
    int? BdSeq,
    long MessagesPublished,
    SensorReadings Readings)
{
    public static SimulatedDeviceView From(SimulatedDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var sensor = device.Sensor;
        return new SimulatedDeviceView(
            device.DeviceId,
            device.IsConnected,
            device.ConnectionCount,
            device.IsRegistered,
            device.IsBorn,
            device.BdSeq,
            device.MessagesPublished,
            new SensorReadings(Math.Round(sensor.Temperature, 3), Math.Round(sensor.Humidity, 3), Math.Round(sensor.BatteryLevel, 3), sensor.UptimeSeconds, sensor.Setpoint));
    }
}

public sealed record SensorReadings(double Temperature, double Humidity, double BatteryLevel, long UptimeSeconds, float Setpoint);
