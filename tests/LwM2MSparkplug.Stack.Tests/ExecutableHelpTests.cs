using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>
/// <c>--help</c> of every program as a user runs it (<c>dotnet {program}.dll --help</c>, built beside these tests):
/// it lists the switches, with each setting's environment variable and default, and exits 0; an unknown switch exits 2.
/// </summary>
public sealed class ExecutableHelpTests
{
    public static TheoryData<string, string, string[]> Programs() => new()
    {
        { "LwM2MSparkplug.Lwm2mServer.Service", "LwM2MSparkplug.Lwm2mServer.Service", ["--MQTT_HOST", "env LWM2M_EVENT_PAGE_SIZE", "--health-check", "default: 8080"] },
        { "LwM2MSparkplug.SparkplugHost.Service", "LwM2MSparkplug.SparkplugHost.Service", ["--MQTT_HOST", "env SPARKPLUG_HOST_ID", "--health-check", "default: 8081"] },
        { "LwM2MSparkplug.DeviceSimulator.Service", "LwM2MSparkplug.DeviceSimulator.Service", ["--MQTT_HOST", "env DEVICE_COUNT", "--health-check", "default: 8082"] },
        { "LwM2MSparkplug.KafkaBridge.Service", "LwM2MSparkplug.KafkaBridge.Service", ["--MQTT_HOST", "env BRIDGE_MAX_IN_FLIGHT", "--health-check", "default: 8083"] },
        { "LwM2MSparkplug.Standalone", "LwM2MSparkplug.Standalone", ["--devices", "env BROKER_MAX_PENDING_MESSAGES", "env LWM2M_EVENT_PAGE_SIZE", "env SPARKPLUG_HOST_ID"] },
        { "LwM2MSparkplug.CertificateTool", "LwM2MSparkplug.CertificateTool", ["--out", "env CERT_DIR", "default: /certs"] },
        { "LwM2MSparkplug.LoadTest", "loadtest", ["--self-contained", "--find-max"] },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Help_ListsTheSwitches_AndExitsZero(string project, string assembly, string[] expected)
    {
        var result = await RunAsync(project, assembly, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        var help = string.Join(' ', result.Output.Split('\n').Select(line => line.Trim()));
        Assert.All(expected, text => Assert.Contains(text, help, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task UnknownSwitch_ExitsTwo_AndSaysSo(string project, string assembly, string[] expected)
    {
        _ = expected;
        var result = await RunAsync(project, assembly, "--no-such-switch", "1");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--no-such-switch", result.Error, StringComparison.Ordinal);
    }

    static Task<CommandResult> RunAsync(string project, string assembly, params string[] arguments)
    {
        // The configuration these tests were built in (Debug or Release), from their own output folder.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var program = RepositoryPaths.Combine("src", project, "bin", configuration, "net10.0", assembly + ".dll");
        Assert.True(File.Exists(program), $"{program} is not built: build the solution first (dotnet build)");
        return ExternalCommand.RunAsync("dotnet", "the .NET SDK", [program, .. arguments], timeout: TimeSpan.FromSeconds(60));
    }
}
