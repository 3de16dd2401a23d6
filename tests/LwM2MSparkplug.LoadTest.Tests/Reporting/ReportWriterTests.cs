using LwM2MSparkplug.LoadTest.Measuring;
using LwM2MSparkplug.LoadTest.Reporting;

namespace LwM2MSparkplug.LoadTest.Tests.Reporting;

public sealed class ReportWriterTests
{
    static PhaseReport Phase(string name, long? toKafka, long unexplained = 0) => new()
    {
        Name = name,
        Baseline = name == "baseline",
        TargetRate = 100,
        DurationSeconds = 10,
        Offered = 1_000,
        Delivered = 1_000 - unexplained,
        DeliveredToKafka = toKafka,
        Skipped = 0,
        Hops = [new HopRow("Sparkplug", "broker → Sparkplug host", 1_000, 1_000 - unexplained, 0, 0, "")],
        Latency = new Dictionary<string, LatencySummary>(),
        Health = new Dictionary<string, HealthSeen> { ["sparkplug-host"] = new("degraded", "sparkplug_seq_gaps_total grew by 3") },
        Processes = new Dictionary<string, ProcessUse>(),
    };

    static LoadTestReport Report(params PhaseReport[] phases) => new()
    {
        StartedAt = DateTimeOffset.UnixEpoch,
        CommandLine = "loadtest -n 1",
        Machine = "test",
        Stack = "test",
        Devices = 1,
        DevicesReady = 1,
        ReadySeconds = 0.1,
        QualityOfService = 0,
        Phases = phases,
        BaselineRate = 100,
        PipelineRate = 90,
    };

    [Fact]
    public void Markdown_ShowsKafkaOnlyWhereItWasRead_TheRatio_AndWhyAServiceWasNotHealthy()
    {
        var markdown = ReportWriter.ToMarkdown(Report(Phase("baseline", null), Phase("pipeline", 900), Phase("no kafka", null)));

        Assert.Contains("| baseline | 100 | 100 | 100 | – |", markdown, StringComparison.Ordinal);
        Assert.Contains("| pipeline | 100 | 100 | 100 | 90 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| no kafka | 100 | 100 | 100 | – |", markdown, StringComparison.Ordinal);
        Assert.Contains("Pipeline / baseline: **0.90**", markdown, StringComparison.Ordinal);
        Assert.Contains("- sparkplug-host was degraded: sparkplug_seq_gaps_total grew by 3", markdown, StringComparison.Ordinal);
        Assert.Contains("Counts add up at every hop: **yes**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnexplainedLoss_IsReportedAsCountsNotAddingUp_AndSurvivesJson()
    {
        var report = Report(Phase("pipeline", 900, unexplained: 7));

        var read = ReportWriter.FromJson(ReportWriter.ToJson(report));

        Assert.NotNull(read);
        Assert.False(read.CountsAddUp);
        Assert.Equal(7, Assert.Single(read.Phases[0].Hops).Unexplained);
        Assert.Contains("Counts add up at every hop: **no**", ReportWriter.ToMarkdown(read), StringComparison.Ordinal);
    }
}
