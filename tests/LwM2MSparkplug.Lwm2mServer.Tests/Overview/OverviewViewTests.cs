using System.Text.Json;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Overview;
using LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Overview;

/// <summary>The overview put together from what was read, without I/O.</summary>
public sealed class OverviewViewTests
{
    static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 10, 0, TimeSpan.Zero);
    static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    static readonly Uri HostSummaryUrl = new("http://host:8081/api/summary");
    static readonly Uri BridgeHealthUrl = new("http://bridge:8083/api/health");

    [Fact]
    public void Build_CountsDevices_ByTheFleetsStates_AndTheHostsNodes()
    {
        var gone = new[]
        {
            new GoneDevice(FleetMergeTests.Registration("left"), FleetLwm2mState.Deregistered, Now),
            new GoneDevice(FleetMergeTests.Registration("lapsed"), FleetLwm2mState.Expired, Now),
        };
        var registrations = new[] { FleetMergeTests.Registration("up"), FleetMergeTests.Registration("down") with { Online = false } };
        var nodes = new[] { FleetMergeTests.Node("up", online: true), FleetMergeTests.Node("left", online: false), FleetMergeTests.Node("edge-only", online: true) };
        var fleet = FleetMerge.Merge(registrations, gone, nodes, Now);

        var view = Build(fleet, nodes, new OverviewState(new MessageRateSeries(4, TimeSpan.FromSeconds(5))), "http://bridge:8083");

        Assert.Equal(new OverviewDeviceCounts(1, 1, 2, 1, 1, 2, 1, 2), view.Devices);
    }

    [Fact]
    public void Build_BeforeTheFirstSample_SaysPending_AndHasNoSparkplugCounts()
    {
        var view = Build([], [], new OverviewState(new MessageRateSeries(4, TimeSpan.FromSeconds(5))), "http://bridge:8083");

        Assert.Equal("pending", view.Bridge.Status);
        Assert.True(view.Bridge.Configured);
        Assert.Null(view.SparkplugSummarySource);
        Assert.Null(view.InvalidMessages.Sparkplug);
        Assert.Empty(view.Rates.At);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Build_WithoutABridgeUrl_SaysNotConfigured_WithoutAnError(string? bridgeUrl)
    {
        var state = new OverviewState(new MessageRateSeries(4, TimeSpan.FromSeconds(5)));
        state.Record(Now, 0, Summary(10, ("malformed_payload", 2)), null);

        var view = Build([], [], state, bridgeUrl);

        Assert.Same(BridgeView.NotConfigured, view.Bridge);
        Assert.Equal("not_configured", view.Bridge.Status);
        Assert.Null(view.Bridge.Error);
    }

    [Fact]
    public void Build_ShowsTheBridgesHealth_AndTheHostsInvalidMessages()
    {
        var state = new OverviewState(new MessageRateSeries(4, TimeSpan.FromSeconds(5)));
        state.Record(Now, 0, Summary(10, ("malformed_payload", 2)), new ServiceRead<BridgeHealth>(BridgeHealthUrl, new BridgeHealth("degraded", true, false, 12), ServiceReadFailure.None, null, Now));

        var view = Build([], [], state, "http://bridge:8083");

        Assert.Equal(new BridgeView(true, BridgeHealthUrl.ToString(), true, "degraded", false, true, 12, null, Now), view.Bridge);
        Assert.Equal(2, view.InvalidMessages.Sparkplug!["malformed_payload"]);
        Assert.True(view.SparkplugSummarySource!.Reachable);
    }

    [Fact]
    public void Build_AFailedRead_IsShownAsUnavailable_WithItsError()
    {
        var state = new OverviewState(new MessageRateSeries(4, TimeSpan.FromSeconds(5)));
        state.Record(
            Now,
            0,
            new ServiceRead<HostSummary>(HostSummaryUrl, null, ServiceReadFailure.Timeout, "slow host", Now),
            new ServiceRead<BridgeHealth>(BridgeHealthUrl, null, ServiceReadFailure.Unreachable, "no bridge there", Now));

        var view = Build([], [], state, "http://bridge:8083");

        Assert.Equal("unavailable", view.Bridge.Status);
        Assert.False(view.Bridge.Reachable);
        Assert.Equal("no bridge there", view.Bridge.Error);
        Assert.False(view.SparkplugSummarySource!.Reachable);
        Assert.Equal("slow host", view.SparkplugSummarySource.Error);
        Assert.Null(view.InvalidMessages.Sparkplug);
    }

    [Fact]
    public void LatestEvents_AreWrittenAsTheEventLogStoresThem()
    {
        var buffer = new EventBuffer(10, 4, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        buffer.Append("registration", "a", Now, null);
        buffer.Append("expiry", "b", Now, new { RegistrationId = "r1" });
        var view = Build([], [], new OverviewState(new MessageRateSeries(4, TimeSpan.FromSeconds(5))), null) with { LatestEvents = buffer.ReadLatest(5) };

        var json = JsonSerializer.SerializeToElement(view, SnakeCase);

        var events = json.GetProperty("latest_events").EnumerateArray().ToList();
        Assert.Equal([2L, 1L], events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(buffer.Log, events[0].GetProperty("log").GetString());
        Assert.Equal("r1", events[0].GetProperty("data").GetProperty("registrationId").GetString());
    }

    static OverviewView Build(IReadOnlyList<FleetDevice> fleet, IReadOnlyList<HostNode> nodes, OverviewState state, string? bridgeUrl) =>
        OverviewView.Build(
            fleet,
            new SparkplugSnapshot(nodes, new SparkplugSource("http://host:8081/api/nodes", true, null, Now), SparkplugHostFailure.None),
            state,
            bridgeUrl,
            new Dictionary<string, double>(),
            [],
            Now);

    static ServiceRead<HostSummary> Summary(double total, params (string Reason, double Count)[] invalid) =>
        new(HostSummaryUrl, new HostSummary(total, invalid.ToDictionary(i => i.Reason, i => i.Count)), ServiceReadFailure.None, null, Now);
}
