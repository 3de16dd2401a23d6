using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

public sealed class FleetMergeTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly Func<string, int> NoMessages = _ => 0;

    [Fact]
    public void Merge_RegisteredDeviceWithItsEdgeNode_ShowsBothSides()
    {
        var node = Node("dev-1", online: true, metrics: [new(192, false), new(0, false)],
            devices: [new HostDevice("sensor", true, [new(192, false), new(500, false), new(192, true)]), new HostDevice("other", false, null)]);

        var device = Assert.Single(FleetMerge.Merge([Registration("dev-1")], [], [node], T0.AddSeconds(100), NoMessages));

        Assert.Equal("dev-1", device.Endpoint);
        Assert.Equal(FleetLwm2mState.Registered, device.State);
        Assert.Equal("json", device.Dialect);
        Assert.Equal("id-dev-1", device.RegistrationId);
        Assert.Equal(3600, device.LifetimeSeconds);
        Assert.Equal(3500, device.LifetimeLeftSeconds);
        Assert.Equal(T0, device.LastUpdateAt);
        Assert.Equal("UQ", device.BindingMode);
        Assert.Equal("1.2", device.Version);
        var sparkplug = Assert.IsType<FleetSparkplugSide>(device.Sparkplug);
        Assert.Equal("group", sparkplug.GroupId);
        Assert.True(sparkplug.Online);
        Assert.Equal(7UL, sparkplug.BdSeq);
        Assert.Equal(42, sparkplug.LastSeq);
        Assert.Equal(5, sparkplug.MetricCount);
        Assert.Equal(new MetricQualityCounts(2, 1, 2), sparkplug.Quality);
        Assert.Equal(1, sparkplug.DevicesOnline);
        Assert.Equal(2, sparkplug.Devices);
    }

    [Fact]
    public void Merge_RegistrationWithoutNode_HasNoSparkplugSide_AndANodeWithoutRegistration_IsUnregistered()
    {
        var devices = FleetMerge.Merge([Registration("lwm2m-only")], [], [Node("sparkplug-only", online: false)], T0, NoMessages);

        Assert.Equal(["lwm2m-only", "sparkplug-only"], devices.Select(d => d.Endpoint));
        Assert.Null(devices[0].Sparkplug);
        Assert.Equal(FleetLwm2mState.Unregistered, devices[1].State);
        Assert.Null(devices[1].RegistrationId);
        Assert.Null(devices[1].LifetimeLeftSeconds);
        Assert.False(devices[1].Sparkplug!.Online);
    }

    [Fact]
    public void Merge_RegistrationWhoseConnectionDied_IsOffline_AndAnExpiredLifetimeLeavesZero()
    {
        var dead = Registration("dev-1") with { Online = false, OfflineSince = T0 };

        var device = Assert.Single(FleetMerge.Merge([dead], [], [], T0.AddHours(2), NoMessages));

        Assert.Equal(FleetLwm2mState.Offline, device.State);
        Assert.Equal(0, device.LifetimeLeftSeconds);
    }

    [Fact]
    public void Merge_SameEdgeNodeIdInTwoGroups_ShowsTheOnlineOne_Once()
    {
        var devices = FleetMerge.Merge([], [], [Node("dev-1", online: false, group: "old"), Node("dev-1", online: true, group: "new")], T0, NoMessages);

        Assert.Equal("new", Assert.Single(devices).Sparkplug!.GroupId);
    }

    [Fact]
    public void Merge_GivesEachDeviceItsLwm2mRate_AndItsNodesSparkplugRate()
    {
        var devices = FleetMerge.Merge([Registration("dev-1")], [], [Node("dev-1", online: true) with { MessagesPerMinute = 12 }, Node("dev-2", online: true)], T0,
            endpoint => endpoint == "dev-1" ? 30 : 0);

        Assert.Equal(30, devices[0].MessagesPerMinute);
        Assert.Equal(12, devices[0].Sparkplug!.MessagesPerMinute);
        Assert.Equal(0, devices[1].MessagesPerMinute);
        Assert.Null(devices[1].Sparkplug!.MessagesPerMinute);
    }

    internal static Registration Registration(string endpoint) =>
        new(endpoint, "id-" + endpoint, TimeSpan.FromHours(1), "1.2", "UQ", Lwm2mObjectList.Empty, T0, T0);

    internal static HostNode Node(string edgeNodeId, bool online, string group = "group", IReadOnlyList<HostMetric>? metrics = null, IReadOnlyList<HostDevice>? devices = null) =>
        new(group, edgeNodeId, online, 7, 42, T0, false, metrics, devices);
}
