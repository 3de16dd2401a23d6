namespace LwM2MSparkplug.LoadTest.Reporting;

/// <summary>A whole run: where, with what, and each phase; the pipeline/baseline ratio of this run on this machine.</summary>
public sealed record LoadTestReport
{
    public required DateTimeOffset StartedAt { get; init; }
    public required string CommandLine { get; init; }
    public required string Machine { get; init; }
    public required string Stack { get; init; }
    public required int Devices { get; init; }
    public required int DevicesReady { get; init; }
    public required double ReadySeconds { get; init; }
    public required int QualityOfService { get; init; }
    public required IReadOnlyList<PhaseReport> Phases { get; init; }

    /// <summary>With a ramp: the highest rate each kind of phase held without loss; otherwise the phases' delivered rates.</summary>
    public double? BaselineRate { get; init; }
    public double? PipelineRate { get; init; }

    /// <summary>Pipeline over baseline, in this run on this machine: how much of the broker's capacity the services keep.</summary>
    public double? Ratio => BaselineRate is > 0 && PipelineRate is { } pipeline ? pipeline / BaselineRate : null;

    public bool CountsAddUp => Phases.All(p => p.CountsAddUp);
}
