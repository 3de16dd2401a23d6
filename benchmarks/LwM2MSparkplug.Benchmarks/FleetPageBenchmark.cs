using BenchmarkDotNet.Attributes;
using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Benchmarks;

/// <summary>
/// One page of the fleet for 10,000 devices on both protocols: what <c>GET /api/fleet</c> computes per answer (join,
/// filter, sort, page), against what each <c>/ws/fleet</c> subscriber computes per interval from the join they share
/// (filter, sort, page). The second bounds how many subscribers an interval allows.
/// </summary>
[MemoryDiagnoser]
public class FleetPageBenchmark
{
    const int Devices = 10_000;
    static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    Registration[] _registrations = [];
    HostNode[] _nodes = [];
    FleetQuery _byEndpoint = null!;
    FleetQuery _byLastUpdateFiltered = null!;
    IReadOnlyList<FleetDevice> _joined = [];
    readonly SparkplugSource _source = new("http://host:8081/api/nodes", true, null, Now);

    [GlobalSetup]
    public void Setup()
    {
        _registrations = [.. Enumerable.Range(0, Devices).Select(i =>
            new Registration($"dev-{i:D5}", $"r{i}", TimeSpan.FromHours(1), "1.2", "UQ", Lwm2mObjectList.Empty, Now.AddSeconds(-i), Now.AddSeconds(-i)))];
        HostMetric[] metrics = [new(192, false), new(192, false), new(500, true)];
        _nodes = [.. Enumerable.Range(0, Devices).Select(i =>
            new HostNode("plant", $"dev-{i:D5}", i % 10 != 0, 1, i % 256, Now, false, metrics, [new HostDevice("sensor", true, metrics)]))];
        FleetQuery.TryCreate(null, 100, "endpoint", null, null, null, 100, 1000, out _byEndpoint, out _);
        FleetQuery.TryCreate(200, 100, "-last_update_at", "dev-0", null, null, 100, 1000, out _byLastUpdateFiltered, out _);
        _joined = FleetMerge.Merge(_registrations, [], _nodes, Now, _ => 0);
    }

    [Benchmark(Baseline = true)]
    public FleetPage FirstPageByEndpoint() => _byEndpoint.Apply(FleetMerge.Merge(_registrations, [], _nodes, Now, _ => 0), _source);

    [Benchmark]
    public FleetPage FirstPageByEndpoint_OfTheSharedJoin() => _byEndpoint.Apply(_joined, _source);

    [Benchmark]
    public FleetPage FilteredPageByLastUpdate_OfTheSharedJoin() => _byLastUpdateFiltered.Apply(_joined, _source);
}
