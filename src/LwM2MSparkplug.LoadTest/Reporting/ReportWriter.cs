using System.Globalization;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.LoadTest.Measuring;

namespace LwM2MSparkplug.LoadTest.Reporting;

/// <summary>The report as JSON (every number) and as Markdown (the tables docs/performance.md is made of).</summary>
public static class ReportWriter
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ToJson(LoadTestReport report) => JsonSerializer.Serialize(report, Json);

    public static LoadTestReport? FromJson(string json) => JsonSerializer.Deserialize<LoadTestReport>(json, Json);

    public static string ToMarkdown(LoadTestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, $"Load test of {report.StartedAt:yyyy-MM-dd HH:mm} UTC: `{report.CommandLine}`");
        Line(text, "");
        Line(text, $"- Machine: {report.Machine}");
        Line(text, $"- Stack: {report.Stack}");
        Line(text, $"- Devices: {report.DevicesReady} of {report.Devices} connected, born and registered after {report.ReadySeconds:0.#} s; data at QoS {report.QualityOfService}");
        if (report.Ratio is { } ratio)
        {
            Line(text, $"- Pipeline / baseline: **{ratio:0.00}** ({report.PipelineRate:N0} / {report.BaselineRate:N0} DDATA/s{(report.Phases.Count > 2 ? ", highest lossless rates of the ramps" : "")})");
        }
        Line(text, $"- Counts add up at every hop: **{(report.CountsAddUp ? "yes" : "no")}**");
        Line(text, "");
        Line(text, "| phase | target/s | offered/s | delivered/s | to Kafka/s | dropped (counted) | unexplained | latency p50 / p99 / max (ms) | rebirths | worst health | CPU (cores) | RSS (MB) |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---|---:|---|---|---|");
        foreach (var phase in report.Phases)
        {
            var latency = string.Join("; ", phase.Latency.Where(l => l.Value.Count > 0).Select(l => $"{l.Key} {Latency(l.Value)}"));
            var health = string.Join("; ", phase.Health.Where(h => h.Value.Status != "healthy").Select(h => $"{h.Key} {h.Value.Status}"));
            Line(text, $"| {phase.Name} | {phase.TargetRate:N0} | {phase.OfferedRate:N0} | {phase.DeliveredRate:N0} | {(phase.DeliveredToKafkaRate is { } toKafka ? toKafka.ToString("N0", CultureInfo.InvariantCulture) : "–")} | "
                + $"{phase.Hops.Sum(h => h.Dropped):N0} | {phase.Hops.Sum(h => Math.Abs(h.Unexplained)):N0} | {latency} | {phase.RebirthRequests:N0} | {(health.Length == 0 ? "healthy" : health)} | "
                + $"{string.Join("; ", phase.Processes.Select(p => $"{p.Key} {p.Value.CpuCores:0.00}"))} | {string.Join("; ", phase.Processes.Select(p => $"{p.Key} {p.Value.ResidentMegabytes:N0}"))} |");
        }
        foreach (var phase in report.Phases)
        {
            Line(text, "");
            Line(text, $"Hops of **{phase.Name}** ({phase.DurationSeconds:0.#} s{(phase.Skipped > 0 ? $"; the devices skipped {phase.Skipped:N0} messages, more than 1 s behind" : "")}"
                + $"{(phase.KafkaDiscarded > 0 ? $"; the embedded Kafka discarded {phase.KafkaDiscarded:N0} old records" : "")}):");
            Line(text, "");
            Line(text, "| flow | hop | expected | delivered | dropped | pending | unexplained | note |");
            Line(text, "|---|---|---:|---:|---:|---:|---:|---|");
            foreach (var hop in phase.Hops)
            {
                Line(text, $"| {hop.Flow} | {hop.Hop} | {hop.Expected:N0} | {hop.Delivered:N0} | {hop.Dropped:N0} | {hop.Pending:N0} | {hop.Unexplained:N0} | {hop.Note} |");
            }
            foreach (var (service, seen) in phase.Health.Where(h => h.Value.Status != "healthy"))
            {
                Line(text, $"- {service} was {seen.Status}: {seen.Detail}");
            }
        }
        return text.ToString();
    }

    static string Latency(LatencySummary summary) =>
        $"{(summary.IsUpperBound ? "≤ " : "")}{summary.P50Milliseconds:0.#} / {summary.P99Milliseconds:0.#} / {summary.MaxMilliseconds:0.#}";

    static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
