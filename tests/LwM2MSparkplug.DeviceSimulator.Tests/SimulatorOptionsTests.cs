using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

    [Theory]
    [InlineData("json", "json,json,json,json")]
    [InlineData("oma", "oma,oma,oma,oma")]
    [InlineData("OMA", "oma,oma,oma,oma")]
    [InlineData("mixed", "json,oma,json,oma")]
    public void Lwm2mDialect_GivesEachDeviceItsDialect(string setting, string dialects)
    {
        var options = new SimulatorOptions { Lwm2mDialect = setting };

        Assert.Equal(dialects, string.Join(',', Enumerable.Range(1, 4).Select(options.Lwm2mDialectOf)));
    }

    [Fact]
    public void Validator_AcceptsTheDefaults_AndEachDialect()
    {
        foreach (var dialect in new[] { "json", "oma", "mixed", "Mixed" })
        {
            Assert.True(new SimulatorOptions.Validator().Validate(null, new SimulatorOptions { Lwm2mDialect = dialect, Lwm2mOmaPrefix = "tenant-a/site-1" }).Succeeded, dialect);
        }
    }

    [Fact]
    public void Validator_RejectsAnUnknownDialect_SayingWhichOnesThereAre()
    {
        var result = new SimulatorOptions.Validator().Validate(null, new SimulatorOptions { Lwm2mDialect = "coap" });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Simulator:Lwm2mDialect (LWM2M_DIALECT): must be json", failure, StringComparison.Ordinal);
        Assert.Contains("got 'coap'", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tenant/#")]
    [InlineData("tenant/+/x")]
    [InlineData("tenant//x")]
    public void Validator_RejectsAnOmaPrefixThatIsNotTopicLevels(string prefix)
    {
        var result = new SimulatorOptions.Validator().Validate(null, new SimulatorOptions { Lwm2mOmaPrefix = prefix });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Simulator:Lwm2mOmaPrefix", failure, StringComparison.Ordinal);
        Assert.Contains("LWM2M_OMA_PREFIX", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFlatNames_SetTheDialect_AndOnePrefixForServerAndSimulator()
    {
        var options = Bound("--LWM2M_DIALECT", "mixed", "--LWM2M_OMA_PREFIX", "tenant-a");

        Assert.Equal(("mixed", "tenant-a"), (options.Lwm2mDialect, options.Lwm2mOmaPrefix));
    }

    [Fact]
    public void ThePrefixSetForTheSimulator_WinsOverTheServers_AndTheDefaultsAreJsonAndNoPrefix()
    {
        Assert.Equal("own", Bound("--LWM2M_OMA_PREFIX", "tenant-a", "--Simulator:Lwm2mOmaPrefix", "own").Lwm2mOmaPrefix);
        var defaults = Bound();
        Assert.Equal(("json", null), (defaults.Lwm2mDialect, defaults.Lwm2mOmaPrefix));
    }

    static SimulatorOptions Bound(params string[] args)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddSettings(SettingsCommandLine.Parse(args, "test", SimulatorSettings.Service));
        builder.AddDeviceSimulator();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
    }
}
