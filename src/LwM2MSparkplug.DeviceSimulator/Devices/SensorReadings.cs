namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>The sensor's current readings.</summary>
public sealed record SensorReadings(double Temperature, double Humidity, double BatteryLevel, long UptimeSeconds, float Setpoint);
