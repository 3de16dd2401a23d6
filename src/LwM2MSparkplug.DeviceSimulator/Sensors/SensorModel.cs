namespace LwM2MSparkplug.DeviceSimulator.Sensors;

/// <summary>
/// Plausible sensor readings that change with time: temperature drifting towards the setpoint, humidity wandering
/// within 20..80 %, a battery that drains and recharges, uptime. Pure: time is passed in.
/// </summary>
public sealed class SensorModel
{
    /// <summary>The setpoints a write may set, in °C: the sensor's plausible range (finite numbers only).</summary>
    public const float MinimumSetpoint = -50;
    public const float MaximumSetpoint = 150;

    readonly Random _random;
    readonly double _drainPerSecond;
    readonly DateTimeOffset _startedAt;
    DateTimeOffset _last;

    public SensorModel(Random random, DateTimeOffset startedAt, double batteryDrainPercentPerHour)
    {
        _random = random;
        _startedAt = startedAt;
        _last = startedAt;
        _drainPerSecond = batteryDrainPercentPerHour / 3600;
        Temperature = 20 + (_random.NextDouble() * 4);
        Humidity = 40 + (_random.NextDouble() * 20);
        BatteryLevel = 80 + (_random.NextDouble() * 20);
    }

    public double Temperature { get; private set; }
    public double Humidity { get; private set; }
    public double BatteryLevel { get; private set; }

    /// <summary>The writable target temperature (Sparkplug DCMD); see <see cref="TrySetSetpoint"/>.</summary>
    public float Setpoint { get; private set; } = 21.0f;

    public DateTimeOffset Now => _last;
    public long UptimeSeconds => (long)(_last - _startedAt).TotalSeconds;

    /// <summary>Integer battery percentage as LwM2M /3/0/9 reports it.</summary>
    public int BatteryPercent => (int)Math.Round(BatteryLevel);

    /// <summary>
    /// Sets the setpoint if it is a finite number from <see cref="MinimumSetpoint"/> to <see cref="MaximumSetpoint"/>;
    /// anything else (NaN and ±Infinity among them, though Sparkplug can carry them) is refused and changes nothing.
    /// </summary>
    public bool TrySetSetpoint(float value)
    {
        if (!float.IsFinite(value) || value < MinimumSetpoint || value > MaximumSetpoint)
        {
            return false;
        }
        Setpoint = value;
        return true;
    }

    /// <summary>Moves the readings on to <paramref name="now"/>; a time not after the last one changes nothing.</summary>
    public void Advance(DateTimeOffset now)
    {
        if (now <= _last)
        {
            return;
        }
        var seconds = (now - _last).TotalSeconds;
        _last = now;
        var noise = Math.Sqrt(seconds);
        Temperature += ((Setpoint - Temperature) * Math.Min(1, seconds / 600)) + (Gaussian() * 0.05 * noise);
        Humidity = Math.Clamp(Humidity + (Gaussian() * 0.1 * noise), 20, 80);
        BatteryLevel -= _drainPerSecond * seconds;
        if (BatteryLevel < 5)
        {
            BatteryLevel = 100;
        }
    }

    double Gaussian()
    {
        // Box-Muller: one standard normal sample.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
