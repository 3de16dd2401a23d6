using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.Standalone;
using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Configuration;

public sealed class SettingsCommandLineTests : IDisposable
{
    readonly StringWriter _output = new();
    readonly StringWriter _error = new();

    [Fact]
    public void Switches_SetTheirKeys_ShortFormsToo_AndAnyKeyPassesThrough()
    {
        var commandLine = Parse("--MQTT_HOST", "broker.example", "--LWM2M_EVENT_PAGE_SIZE=50", "--devices", "9", "--Mqtt:Port", "1884");

        var configuration = new ConfigurationBuilder().AddSettings(commandLine).Build();

        Assert.Null(commandLine.ExitCode);
        Assert.Equal("broker.example", configuration["Mqtt:Host"]);
        Assert.Equal("50", configuration["Lwm2mServer:EventPageSize"]);
        Assert.Equal("9", configuration["Simulator:DeviceCount"]);
        Assert.Equal("1884", configuration["Mqtt:Port"]);
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public void Help_ListsEverySwitch_WithItsVariable_Key_AndDefault()
    {
        var commandLine = Parse("--help");

        Assert.Equal(0, commandLine.ExitCode);
        var help = Flat(_output.ToString());
        foreach (var setting in SettingGroup.Flatten(StandaloneSettings.All))
        {
            Assert.Contains(setting.Switch, help, StringComparison.Ordinal);
            Assert.Contains($"env {setting.Name}; key {setting.Key}; default:", help, StringComparison.Ordinal);
        }
        // Defaults come from the options classes (and appsettings.json, when the executable has one).
        Assert.Contains("env MQTT_KEEPALIVE_SECONDS; key Mqtt:KeepAliveSeconds; default: 30]", help, StringComparison.Ordinal);
        Assert.Contains("env LWM2M_FLEET_STREAM_MAX; key Lwm2mServer:FleetStreamMax; default: 100]", help, StringComparison.Ordinal);
        Assert.Contains("--devices", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--DEVICE_CONT", "5")]
    [InlineData("--mqtt-host", "broker")]
    public void UnknownSwitch_StopsWithExitCode2_AndSaysWhatToDo(params string[] args)
    {
        var commandLine = Parse(args);

        Assert.Equal(2, commandLine.ExitCode);
        Assert.Contains($"'{args[0]}' is not a setting", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--help", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SwitchWithoutItsValue_StopsWithExitCode2()
    {
        var commandLine = Parse("--DEVICE_COUNT");

        Assert.Equal(2, commandLine.ExitCode);
        Assert.Contains("--DEVICE_COUNT", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentVariables_OfTheProgramsSettings_SetTheirKeys_OthersDoNot()
    {
        var commandLine = SettingsCommandLine.None([ServiceSettings.Mqtt]);
        Environment.SetEnvironmentVariable("MQTT_KEEPALIVE_SECONDS", "17");
        Environment.SetEnvironmentVariable("LWM2M_EVENT_PAGE_SIZE", "17");
        try
        {
            var configuration = new ConfigurationBuilder().AddSettings(commandLine).Build();

            Assert.Equal("17", configuration["Mqtt:KeepAliveSeconds"]);
            Assert.Null(configuration["Lwm2mServer:EventPageSize"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MQTT_KEEPALIVE_SECONDS", null);
            Environment.SetEnvironmentVariable("LWM2M_EVENT_PAGE_SIZE", null);
        }
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    SettingsCommandLine Parse(params string[] args) =>
        SettingsCommandLine.Parse(args, "test program", StandaloneSettings.All, output: _output, error: _error);

    /// <summary>Help wraps long descriptions; one line per option is easier to search.</summary>
    static string Flat(string help) => string.Join(' ', help.Split('\n').Select(line => line.Trim()));
}
