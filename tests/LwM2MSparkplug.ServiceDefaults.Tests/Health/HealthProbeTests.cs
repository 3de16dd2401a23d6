using System.Globalization;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.ServiceDefaults.Health;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Health;

public sealed class HealthProbeTests
{
    [Fact]
    public async Task Probe_OfAHealthyService_ExitsZero()
    {
        await using var service = await TestService.StartAsync("probe-test", new Dictionary<string, string?>(), _ => { }, _ => { });
        var port = service.Http.BaseAddress!.Port.ToString(CultureInfo.InvariantCulture);

        var exitCode = await HealthProbe.RunAsync(defaultHttpPort: 1, Parse("--health-check", "--HTTP_PORT", port));

        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Probe_WhenNothingListens_ExitsOne()
    {
        var exitCode = await HealthProbe.RunAsync(FreePorts.Next(), Parse("--health-check"));

        Assert.Equal(1, exitCode);
    }

    [Theory]
    [InlineData(new[] { "--health-check" }, true)]
    [InlineData(new[] { "--HTTP_PORT", "8080" }, false)]
    public void IsSet_OnlyWithTheSwitch(string[] args, bool expected) =>
        Assert.Equal(expected, Parse(args).IsSet(HealthProbe.Option));

    static SettingsCommandLine Parse(params string[] args) =>
        SettingsCommandLine.Parse(args, "probe test", [ServiceSettings.Hosting], [HealthProbe.Option]);
}
