using LwM2MSparkplug.LoadTest.Reporting;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace LwM2MSparkplug.LoadTest.Tests;

/// <summary>
/// The load test run as its users run it (the command line, a self-contained stack), short: once within capacity,
/// where every message must arrive, and once overloaded on purpose, where every lost message must be counted at the
/// hop that dropped it. One class, so the two stacks do not compete for the machine.
/// </summary>
public sealed class LoadTestRunTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("loadtest-tests-").FullName;
    readonly StringWriter _output = new();

    [Fact]
    public async Task WithinCapacity_EveryMessageArrivesAtEveryHop_AndTheReportSaysSo()
    {
        var (exitCode, report) = await RunAsync("-n", "10", "-r", "500", "-d", "3", "--warmup", "1", "--drain", "20");

        Assert.True(exitCode == 0, _output.ToString());
        Assert.Equal(10, report.DevicesReady);
        Assert.Equal(["baseline", "pipeline"], report.Phases.Select(p => p.Name));
        foreach (var phase in report.Phases)
        {
            Assert.True(phase.Offered > 0, $"{phase.Name}: nothing offered");
            foreach (var hop in phase.Hops)
            {
                Assert.True(hop.Expected > 0 && hop.Delivered == hop.Expected, $"{phase.Name}, {hop.Flow} {hop.Hop}: {hop.Delivered} of {hop.Expected} delivered ({hop.Note})");
            }
        }
        var pipeline = report.Phases[1];
        Assert.Equal(pipeline.Offered, pipeline.Delivered);
        Assert.Equal(pipeline.Offered, pipeline.DeliveredToKafka);
        Assert.NotNull(report.Ratio);
        Assert.Contains("| pipeline | 500 |", await File.ReadAllTextAsync(Path.Combine(_directory, "report.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overloaded_EveryDropIsCountedWhereItHappened_HealthSaysDegraded_AndRebirthsStayUnderTheRate()
    {
        // A broker queue of 10 messages per client cannot hold the bursts of 10 devices at full speed: the host and the bridge lose messages on purpose.
        const double RebirthsPerSecond = 2;
        var (exitCode, report) = await RunAsync("-n", "10", "-r", "20000", "-d", "3", "--warmup", "1", "--drain", "20", "--no-baseline", "--connect-rate", "20",
            "--set", "BROKER_MAX_PENDING_MESSAGES=10", "--set", $"SPARKPLUG_REBIRTH_RATE_PER_SECOND={RebirthsPerSecond}");

        Assert.True(exitCode == 0, _output.ToString());
        var pipeline = Assert.Single(report.Phases);
        Assert.True(pipeline.CountsAddUp, string.Join("\n", pipeline.Hops));
        var host = Assert.Single(pipeline.Hops, h => h.Hop == "broker → Sparkplug host");
        Assert.True(host.Dropped > 0, $"the broker dropped nothing for the host: {host}");
        Assert.Equal("degraded", pipeline.Health["sparkplug-host"].Status);
        Assert.Contains("sparkplug_seq_gaps_total", pipeline.Health["sparkplug-host"].Detail, StringComparison.Ordinal);
        // The phase's counters span its load and at most its drain; the throttle allows one second's worth as a burst.
        var bound = (RebirthsPerSecond * (3 + 20 + 1)) + RebirthsPerSecond;
        Assert.True(pipeline.RebirthRequests <= bound, $"{pipeline.RebirthRequests} rebirth requests, more than the rate allows ({bound})");
    }

    async Task<(int ExitCode, LoadTestReport Report)> RunAsync(params string[] arguments)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_output),
        });
        var json = Path.Combine(_directory, "report.json");
        string[] common = ["--self-contained", "--no-live", "--json", json, "--markdown", Path.Combine(_directory, "report.md")];
        var exitCode = await LoadTestCommand.Create(console, NullLoggerFactory.Instance).Parse([.. arguments, .. common]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(File.Exists(json), $"no report (exit code {exitCode}):\n{_output}");
        var report = ReportWriter.FromJson(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        Assert.NotNull(report);
        return (exitCode, report);
    }

    public void Dispose()
    {
        _output.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
