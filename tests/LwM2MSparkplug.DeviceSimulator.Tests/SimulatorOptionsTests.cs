namespace LwM2MSparkplug.DeviceSimulator.Tests;

public sealed class SimulatorOptionsTests
{
    [Theory]
    [InlineData("a1b2c3d4e5f6", "sim-a1b2c3d4e5f6")]
    [InlineData("My_Host.local", "sim-my-host-local")]
    public void DefaultPrefix_ComesFromTheHostName(string hostName, string prefix)
    {
        Assert.Equal(prefix, SimulatorOptions.DefaultPrefix(hostName));
    }

    [Fact]
    public void DeviceIds_AreNumberedFromOne()
    {
        var options = new SimulatorOptions { DeviceIdPrefix = "lab" };

        Assert.Equal("lab-001", options.DeviceId(1));
        Assert.Equal("lab-120", options.DeviceId(120));
    }

    [Theory]
    [InlineData("bad/prefix")]
    [InlineData("bad+prefix")]
    public void Validator_RejectsPrefixesThatAreNotTopicLevels(string prefix)
    {
        var result = new SimulatorOptions.Validator().Validate(null, new SimulatorOptions { DeviceIdPrefix = prefix });

        Assert.Contains(result.Failures!, f => f.StartsWith("Simulator:DeviceIdPrefix (DEVICE_ID_PREFIX)", StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_RejectsNonPositiveIntervals()
    {
        var result = new SimulatorOptions.Validator().Validate(null, new SimulatorOptions { TelemetryIntervalSeconds = 0, Lwm2mIntervalSeconds = -1 });

        Assert.Contains(result.Failures!, f => f.StartsWith("Simulator:TelemetryIntervalSeconds (TELEMETRY_INTERVAL)", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Simulator:Lwm2mIntervalSeconds (LWM2M_INTERVAL)", StringComparison.Ordinal));
    }
}
