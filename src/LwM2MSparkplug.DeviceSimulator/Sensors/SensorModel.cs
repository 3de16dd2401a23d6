namespace LwM2MSparkplug.DeviceSimulator.Sensors;

/// <summary>
/// Plausible sensor readings that change with time: temperature drifting towards the setpoint, humidity wandering
/// within 20..80 %, a battery that drains and recharges, uptime. Pure: time is passed in.
/// </summary>
/// <remarks>
/// The temperature is read at a resolution of <see cref="TemperatureDecimals"/> decimals, and every sample at a later
/// time reads at least one step away from the previous one. Data go out by exception, so this is what keeps the
/// offered DDATA rate at the configured telemetry rate: every interval has a change to report.
/// </remarks>
public sealed class SensorModel
{
    /// <summary>The setpoints a write may set, in °C: the sensor's plausible range (finite numbers only).</summary>
    public const float MinimumSetpoint = -50;
    public const float MaximumSetpoint = 150;

    /// <summary>The temperature reading's resolution: this many decimals of a °C (one step is 0.001 °C).</summary>
    public const int TemperatureDecimals = 3;
    const double TemperatureStep = 0.001;

    readonly Random _random;
    readonly double _drainPerSecond;
    readonly DateTimeOffset _startedAt;
    DateTimeOffset _last;
    // The modelled temperature, of which Temperature is the reading.
    double _temperature;

    public SensorModel(Random random, DateTimeOffset startedAt, double batteryDrainPercentPerHour)
    {
        _random = random;
        _startedAt = startedAt;
        _last = startedAt;
        _drainPerSecond = batteryDrainPercentPerHour / 3600;
        _temperature = 20 + (_random.NextDouble() * 4);
        Temperature = Math.Round(_temperature, TemperatureDecimals);
        Humidity = 40 + (_random.NextDouble() * 20);
        BatteryLevel = 80 + (_random.NextDouble() * 20);
    }

    /// <summary>The temperature reading in °C, rounded to <see cref="TemperatureDecimals"/> decimals.</summary>
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

    /// <summary>
    /// Moves the readings on to <paramref name="now"/>, the temperature reading by at least one step; a time not after
    /// the last one changes nothing.
    /// </summary>
    public void Advance(DateTimeOffset now)
    {
        if (now <= _last)
        {
            return;
        }
        var seconds = (now - _last).TotalSeconds;
        _last = now;
        var noise = Math.Sqrt(seconds);
        var temperatureNoise = Gaussian() * 0.05 * noise;
        _temperature += ((Setpoint - _temperature) * Math.Min(1, seconds / 600)) + temperatureNoise;
        var reading = Math.Round(_temperature, TemperatureDecimals);
        if (reading == Temperature)
        {
            // Sampled again so soon that the change is below the resolution: read one step further, the noise's way.
            _temperature = Temperature + (temperatureNoise < 0 ? -TemperatureStep : TemperatureStep);
            reading = Math.Round(_temperature, TemperatureDecimals);
        }
        Temperature = reading;
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
