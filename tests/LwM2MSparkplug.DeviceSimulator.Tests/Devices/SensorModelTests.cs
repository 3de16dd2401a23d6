using LwM2MSparkplug.DeviceSimulator.Devices;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Devices;

public sealed class SensorModelTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Battery_DrainsAtTheConfiguredRate_AndRechargesWhenNearlyEmpty()
    {
        var sensor = new SensorModel(new Random(1), T0, batteryDrainPercentPerHour: 10);
        var start = sensor.BatteryLevel;

        sensor.Advance(T0.AddMinutes(30));

        Assert.Equal(start - 5, sensor.BatteryLevel, precision: 6);
        sensor.Advance(T0.AddHours(20));
        Assert.Equal(100, sensor.BatteryLevel);
    }

    [Fact]
    public void Temperature_DriftsTowardsTheSetpoint()
    {
        var sensor = new SensorModel(new Random(2), T0, 0) { Setpoint = 40 };

        for (var minute = 1; minute <= 60; minute++)
        {
            sensor.Advance(T0.AddMinutes(minute));
        }

        Assert.InRange(sensor.Temperature, 37, 43);
        Assert.Equal(3600, sensor.UptimeSeconds);
        Assert.InRange(sensor.Humidity, 20, 80);
    }
}
