using System.Diagnostics;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.LoadTest.Devices;
using LwM2MSparkplug.LoadTest.Measuring;
using LwM2MSparkplug.LoadTest.Reporting;
using LwM2MSparkplug.LoadTest.Stack;
using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.LoadTest;

/// <summary>
/// One run: brings the virtual devices up against the stack, then the baseline (the same publishers through the same
/// broker to one plain subscriber) and the pipeline (through the services to Kafka), each at a fixed rate or ramped
/// with <see cref="LoadTestOptions.FindMax"/>. Every phase is warm-up, measured load, then a drain, so that in-flight
/// messages are not counted as lost.
/// </summary>
public sealed class LoadTestRunner(LoadTestOptions options, ILoggerFactory loggers, ILoadTestProgress progress)
{
    const int MaxRampSteps = 12;
    static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan DrainStable = TimeSpan.FromSeconds(3);
    // Longer than the host's reorder timeout (2 s by default): a sequence gap left by the warm-up has then led to its
    // rebirth request and the node's new birth before the phase starts, not while its first counts are read.
    static readonly TimeSpan WarmupStable = TimeSpan.FromSeconds(3);

    public async Task<LoadTestReport> RunAsync(string commandLine, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        progress.Status("starting the stack");
        await using IStackUnderTest stack = options.SelfContained
            ? await SelfContainedStack.StartAsync(options.StackSettings, cancellationToken)
            : await ExternalStack.ConnectAsync(options, cancellationToken);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var probes = new ServiceProbes(
            new ServiceProbe("sparkplug-host", stack.SparkplugHostUrl, http),
            new ServiceProbe("lwm2m-server", stack.Lwm2mServerUrl, http),
            new ServiceProbe("bridge", stack.BridgeUrl, http));

        await using var fleet = new LoadFleet(options, stack.Mqtt, loggers);
        var (ready, readySeconds) = await BringUpAsync(fleet, cancellationToken);
        var reader = new StackReader(stack, fleet.Offered, probes);
        var phases = new List<PhaseReport>();
        double? baselineRate = null;
        double? pipelineRate = null;

        if (options.Baseline)
        {
            await using var subscriber = await BaselineSubscriber.ConnectAsync(stack.Mqtt, $"loadtest/{options.GroupId}/#", options.QualityOfService, cancellationToken);
            reader.Baseline = subscriber;
            var phase = new PhaseRunner(options, progress, fleet, reader, probes, stack, baseline: true, subscriber);
            baselineRate = await RunPhasesAsync(phase, "baseline", phases, cancellationToken);
            reader.Baseline = null;
        }

        using (var kafka = stack.KafkaBootstrapServers is { } bootstrap
            ? KafkaRecordCounter.Start(bootstrap, [TopicRouter.SparkplugTopic, TopicRouter.RegistrationTopic, TopicRouter.UpdatesTopic], options.DevicePrefix + "-")
            : null)
        {
            reader.Kafka = kafka;
            var phase = new PhaseRunner(options, progress, fleet, reader, probes, stack, baseline: false, subscriber: null);
            pipelineRate = await RunPhasesAsync(phase, "pipeline", phases, cancellationToken);
            reader.Kafka = null;
        }

        progress.Status("stopping the devices");
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await fleet.StopAsync(stopping.Token);
        }
        return new LoadTestReport
        {
            StartedAt = startedAt,
            CommandLine = commandLine,
            Machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            Stack = stack.Describe(),
            Devices = options.Devices,
            DevicesReady = ready,
            ReadySeconds = readySeconds,
            QualityOfService = options.QualityOfService,
            Phases = phases,
            BaselineRate = baselineRate,
            PipelineRate = pipelineRate,
        };
    }

    /// <summary>Starts every device and waits (bounded) until all are connected, born and registered.</summary>
    async Task<(int Ready, double Seconds)> BringUpAsync(LoadFleet fleet, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(30 + (1.5 * options.Devices / options.ConnectRatePerSecond));
        fleet.Start();
        while (fleet.ReadyCount < options.Devices && started.Elapsed < limit)
        {
            progress.Status($"bringing up devices: {fleet.ReadyCount} of {options.Devices} connected, born and registered");
            await Task.Delay(200, cancellationToken);
        }
        progress.Status($"devices up: {fleet.ReadyCount} of {options.Devices} connected, born and registered after {started.Elapsed.TotalSeconds:0.#} s");
        return (fleet.ReadyCount, started.Elapsed.TotalSeconds);
    }

    /// <summary>One phase at the target rate, or a ramp; returns the rate to compare (delivered, or the highest lossless).</summary>
    async Task<double> RunPhasesAsync(PhaseRunner phase, string name, List<PhaseReport> phases, CancellationToken cancellationToken)
    {
        if (!options.FindMax)
        {
            var report = await phase.RunAsync(name, options.Rate, cancellationToken);
            phases.Add(report);
            return report.DeliveredRate;
        }
        var rate = options.Rate;
        double best = 0;
        for (var step = 1; step <= MaxRampSteps; step++)
        {
            var report = await phase.RunAsync($"{name} step {step}", rate, cancellationToken);
            phases.Add(report);
            var latency = report.Latency.Values.FirstOrDefault(l => l.Count > 0);
            var held = report.Lossless
                && report.OfferedRate >= 0.95 * rate
                && (latency is null || latency.P99Milliseconds <= options.MaxLatencyMilliseconds);
            if (!held)
            {
                break;
            }
            best = report.DeliveredRate;
            rate *= options.RampFactor;
        }
        return best;
    }

    /// <summary>Runs phases of one kind: warm-up, measured load, drain, and the hop accounting.</summary>
    sealed class PhaseRunner(LoadTestOptions options, ILoadTestProgress progress, LoadFleet fleet, StackReader reader, ServiceProbes probes, IStackUnderTest stack, bool baseline, BaselineSubscriber? subscriber)
    {
        public async Task<PhaseReport> RunAsync(string name, double rate, CancellationToken cancellationToken)
        {
            if (options.WarmupSeconds > 0)
            {
                progress.Phase($"{name}: warm-up", rate, TimeSpan.FromSeconds(options.WarmupSeconds), null);
                await LoadAsync(rate, TimeSpan.FromSeconds(options.WarmupSeconds), cancellationToken);
                await WaitUntilStableAsync(cancellationToken);
            }
            subscriber?.ResetLatency();
            reader.Kafka?.ResetLatency();
            var before = await reader.ReadAsync(freshBroker: true, cancellationToken);
            await using var health = new HealthWatcher(probes.All);
            progress.Phase(name, rate, TimeSpan.FromSeconds(options.DurationSeconds), Hops(before));
            var loadStarted = Stopwatch.StartNew();
            await LoadAsync(rate, TimeSpan.FromSeconds(options.DurationSeconds), cancellationToken);
            var loadSeconds = loadStarted.Elapsed.TotalSeconds;
            progress.Status($"{name}: draining");
            var after = await DrainAsync(before, cancellationToken);
            return Report(name, rate, loadSeconds, before, after, health);
        }

        Task LoadAsync(double rate, TimeSpan duration, CancellationToken cancellationToken)
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(duration);
            return fleet.RunAsync(baseline, rate, stop.Token).ContinueWith(_ => stop.Dispose(), TaskScheduler.Default);
        }

        Func<CancellationToken, Task<IReadOnlyList<HopRow>>> Hops(StackSnapshot before) => async cancellationToken =>
            Account(before, await reader.ReadAsync(freshBroker: false, cancellationToken));

        IReadOnlyList<HopRow> Account(StackSnapshot before, StackSnapshot after) => baseline
            ? HopAccounting.Baseline(before, after, subscriber!.ClientId)
            : HopAccounting.Pipeline(before, after, stack.ClientIds, hasBridge: stack.BridgeUrl is not null, readsKafka: stack.KafkaBootstrapServers is not null);

        /// <summary>Until every hop's counts add up and nothing is pending, or nothing has moved for a while, or the drain time is up.</summary>
        async Task<StackSnapshot> DrainAsync(StackSnapshot before, CancellationToken cancellationToken)
        {
            var drain = Stopwatch.StartNew();
            var stableSince = Stopwatch.StartNew();
            IReadOnlyList<HopRow>? last = null;
            while (drain.Elapsed < TimeSpan.FromSeconds(options.DrainSeconds))
            {
                var hops = Account(before, await reader.ReadAsync(freshBroker: false, cancellationToken));
                if (hops.All(h => h.Unexplained == 0 && h.Pending == 0))
                {
                    break;
                }
                if (last is null || !hops.SequenceEqual(last))
                {
                    stableSince.Restart();
                }
                else if (stableSince.Elapsed >= DrainStable)
                {
                    break;
                }
                last = hops;
                await Task.Delay(DrainPoll, cancellationToken);
            }
            return await reader.ReadAsync(freshBroker: true, cancellationToken);
        }

        /// <summary>
        /// After the warm-up: until the stack's counts stop moving and the host holds no rebirth request back for its
        /// global rate, so the measured phase starts from rest.
        /// </summary>
        async Task WaitUntilStableAsync(CancellationToken cancellationToken)
        {
            var limit = Stopwatch.StartNew();
            var previous = await reader.ReadAsync(freshBroker: false, cancellationToken);
            while (limit.Elapsed < TimeSpan.FromSeconds(options.DrainSeconds))
            {
                await Task.Delay(WarmupStable, cancellationToken);
                var current = await reader.ReadAsync(freshBroker: false, cancellationToken);
                if (Account(previous, current).All(h => h.Delivered == 0 && h.Expected == 0)
                    && current.SparkplugHost.Sum("sparkplug_rebirth_requests_pending") == 0)
                {
                    return;
                }
                previous = current;
            }
        }

        PhaseReport Report(string name, double rate, double seconds, StackSnapshot before, StackSnapshot after, HealthWatcher health)
        {
            var hops = Account(before, after);
            var offered = after.Offered.Minus(before.Offered);
            var host = (Before: before.SparkplugHost, After: after.SparkplugHost);
            long HostDelta(string metric, params (string, string)[] labels) => (long)Math.Round(host.After.Sum(metric, labels) - host.Before.Sum(metric, labels));
            var latency = new Dictionary<string, LatencySummary>(StringComparer.Ordinal);
            if (baseline)
            {
                latency["device → subscriber"] = subscriber!.Latency.Summarise();
            }
            else
            {
                latency["device → host"] = LatencySummary.FromBuckets(host.Before.Buckets("sparkplug_message_age_seconds"), host.After.Buckets("sparkplug_message_age_seconds"));
                if (reader.Kafka is { } kafka)
                {
                    latency["device → Kafka consumer"] = kafka.Latency.Summarise();
                }
            }
            return new PhaseReport
            {
                Name = name,
                Baseline = baseline,
                TargetRate = rate,
                DurationSeconds = seconds,
                Offered = baseline ? offered.Of(OfferedCounts.Baseline, "ddata") : offered.Of("sparkplug", "ddata"),
                Delivered = baseline ? after.BaselineReceived - before.BaselineReceived : HostDelta("sparkplug_messages_total", ("message_type", "ddata")),
                DeliveredToKafka = baseline || stack.KafkaBootstrapServers is null ? null : after.Kafka.Minus(before.Kafka).OursOf(TopicRouter.SparkplugTopic, "ddata"),
                Skipped = offered.Skipped,
                Hops = hops,
                Latency = latency,
                RebirthRequests = HostDelta("sparkplug_rebirth_requests_total"),
                RebirthsDelayed = HostDelta("sparkplug_rebirth_requests_delayed_total"),
                SeqGaps = HostDelta("sparkplug_seq_gaps_total"),
                KafkaDiscarded = after.KafkaDiscarded - before.KafkaDiscarded,
                Health = health.Worst().ToDictionary(e => e.Key, e => new HealthSeen(e.Value.Status, e.Value.Detail), StringComparer.Ordinal),
                Processes = Processes(before, after, seconds),
            };
        }

        Dictionary<string, ProcessUse> Processes(StackSnapshot before, StackSnapshot after, double seconds)
        {
            var processes = new Dictionary<string, ProcessUse>(StringComparer.Ordinal);
            var own = new ProcessUse((after.LoadTestCpuSeconds - before.LoadTestCpuSeconds) / seconds, Environment.WorkingSet / (1024.0 * 1024));
            if (stack.InProcess)
            {
                processes["loadtest and stack (one process)"] = own;
                return processes;
            }
            processes["loadtest"] = own;
            foreach (var (service, b, a) in new[] { ("sparkplug-host", before.SparkplugHost, after.SparkplugHost), ("lwm2m-server", before.Lwm2mServer, after.Lwm2mServer), ("bridge", before.Bridge, after.Bridge) })
            {
                if (a.Samples.Count > 0)
                {
                    processes[service] = new ProcessUse(
                        (a.Sum("process_cpu_seconds_total") - b.Sum("process_cpu_seconds_total")) / seconds,
                        // prometheus-net's name; on Linux the working set is the resident set, as Environment.WorkingSet above.
                        a.Sum("process_working_set_bytes") / (1024 * 1024));
                }
            }
            return processes;
        }
    }
}
