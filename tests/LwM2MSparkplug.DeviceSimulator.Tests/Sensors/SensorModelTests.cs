using LwM2MSparkplug.DeviceSimulator.Sensors;

namespace LwM2MSparkplug.DeviceSimulator.Tests.Sensors;

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
        var sensor = new SensorModel(new Random(2), T0, 0);
        Assert.True(sensor.TrySetSetpoint(40));

        for (var minute = 1; minute <= 60; minute++)
        {
            sensor.Advance(T0.AddMinutes(minute));
        }

        Assert.InRange(sensor.Temperature, 37, 43);
        Assert.Equal(3600, sensor.UptimeSeconds);
        Assert.InRange(sensor.Humidity, 20, 80);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(151f)]
    [InlineData(-51f)]
    public void Setpoint_RefusesWhatTheSensorCannotReach_AndKeepsItsValue(float value)
    {
        var sensor = new SensorModel(new Random(2), T0, 0);

        Assert.False(sensor.TrySetSetpoint(value));

        Assert.Equal(21f, sensor.Setpoint);
        sensor.Advance(T0.AddMinutes(10));
        Assert.True(double.IsFinite(sensor.Temperature));
    }

    [Fact]
    public void Advance_ToTheSameOrAnEarlierTime_ChangesNothing()
    {
        var sensor = new SensorModel(new Random(2), T0, 30);
        sensor.Advance(T0.AddSeconds(10));
        var (temperature, humidity, battery) = (sensor.Temperature, sensor.Humidity, sensor.BatteryLevel);

        sensor.Advance(T0.AddSeconds(10));
        sensor.Advance(T0.AddSeconds(5));

        Assert.Equal((temperature, humidity, battery), (sensor.Temperature, sensor.Humidity, sensor.BatteryLevel));
        Assert.Equal(T0.AddSeconds(10), sensor.Now);
    }

    [Theory]
    [InlineData(10.5)]
    [InlineData(1)]
    [InlineData(0.01)]
    public void Advance_ToALaterTime_MovesTheTemperatureReadingByAtLeastOneStep_HoweverSoon(double milliseconds)
    {
        var sensor = new SensorModel(new Random(4), T0, 30);
        var previous = sensor.Temperature;

        for (var sample = 1; sample <= 10_000; sample++)
        {
            sensor.Advance(T0.AddMilliseconds(sample * milliseconds));

            Assert.Equal(Math.Round(sensor.Temperature, SensorModel.TemperatureDecimals), sensor.Temperature);
            Assert.NotEqual(previous, sensor.Temperature);
            previous = sensor.Temperature;
        }
    }
}
