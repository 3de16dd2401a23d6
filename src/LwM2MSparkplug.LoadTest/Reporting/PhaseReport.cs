using LwM2MSparkplug.LoadTest.Measuring;

namespace LwM2MSparkplug.LoadTest.Reporting;

/// <summary>What one phase (the baseline, the pipeline, or one step of a ramp) offered, delivered and lost, hop by hop.</summary>
public sealed record PhaseReport
{
    public required string Name { get; init; }
    public required bool Baseline { get; init; }
    public required double TargetRate { get; init; }
    public required double DurationSeconds { get; init; }

    /// <summary>Data messages the devices published (DDATA, or their baseline copies).</summary>
    public required long Offered { get; init; }

    /// <summary>Data messages that reached the end of the phase's main hop (the Sparkplug host, or the baseline subscriber).</summary>
    public required long Delivered { get; init; }

    /// <summary>The load test's DDATA records found in Kafka; null for the baseline and when Kafka was not read.</summary>
    public long? DeliveredToKafka { get; init; }

    public double OfferedRate => Offered / DurationSeconds;
    public double DeliveredRate => Delivered / DurationSeconds;
    public double? DeliveredToKafkaRate => DeliveredToKafka / DurationSeconds;

    /// <summary>Data messages a device skipped because it fell more than a second behind (the generator's own limit).</summary>
    public required long Skipped { get; init; }

    public required IReadOnlyList<HopRow> Hops { get; init; }
    public required IReadOnlyDictionary<string, LatencySummary> Latency { get; init; }
    public long RebirthRequests { get; init; }
    public long RebirthsDelayed { get; init; }
    public long SeqGaps { get; init; }
    public long KafkaDiscarded { get; init; }
    public required IReadOnlyDictionary<string, HealthSeen> Health { get; init; }
    public required IReadOnlyDictionary<string, ProcessUse> Processes { get; init; }

    /// <summary>True when every hop's counts add up: nothing lost without a counter saying where.</summary>
    public bool CountsAddUp => Hops.All(h => h.Unexplained == 0);

    /// <summary>True when nothing was dropped or went missing anywhere and every offered message arrived.</summary>
    public bool Lossless => CountsAddUp && Hops.All(h => h.Dropped == 0) && Delivered == Offered;
}

/// <summary>The worst health a service reported during a phase, and why.</summary>
public sealed record HealthSeen(string Status, string Detail);

/// <summary>A process's CPU (cores busy on average) and resident memory at the end of a phase.</summary>
public sealed record ProcessUse(double CpuCores, double ResidentMegabytes);
