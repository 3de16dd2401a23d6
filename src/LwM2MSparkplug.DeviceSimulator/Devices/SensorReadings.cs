using System.Text.Json.Serialization;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>
/// The sensor's current readings. A non-finite reading is written as <c>"NaN"</c>, <c>"Infinity"</c> or
/// <c>"-Infinity"</c> (as the Sparkplug host writes non-finite floats), so whatever state one device is in, the
/// fleet's list can still be written.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record SensorReadings(double Temperature, double Humidity, double BatteryLevel, long UptimeSeconds, float Setpoint);
