using LwM2MSparkplug.Lwm2mServer.Fleet;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

/// <summary>Recently gone devices in the fleet: merged with their edge node, filtered by the new states.</summary>
public sealed class FleetRetentionTests
{
    static readonly DateTimeOffset LeftAt = new(2026, 1, 1, 0, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Merge_ListsGoneDevices_WithTheirLastRegistration_LeftAt_AndTheirEdgeNode()
    {
        var gone = new[]
        {
            new GoneDevice(FleetMergeTests.Registration("left"), FleetLwm2mState.Deregistered, LeftAt),
            new GoneDevice(FleetMergeTests.Registration("lapsed"), FleetLwm2mState.Expired, LeftAt),
        };

        var fleet = FleetMerge.Merge([FleetMergeTests.Registration("here")], gone, [FleetMergeTests.Node("left", online: false)], LeftAt);

        Assert.Equal(["here", "lapsed", "left"], fleet.Select(device => device.Endpoint));
        var left = fleet[2];
        Assert.Equal(FleetLwm2mState.Deregistered, left.State);
        Assert.Equal(LeftAt, left.LeftAt);
        Assert.Equal("id-left", left.RegistrationId);
        Assert.Equal(0, left.LifetimeLeftSeconds);
        Assert.False(left.Sparkplug!.Online);
        Assert.Equal(FleetLwm2mState.Expired, fleet[1].State);
        Assert.Null(fleet[0].LeftAt);
    }

    [Fact]
    public void Merge_AGoneDeviceRegisteredAgain_IsListedOnce_AsRegistered()
    {
        var gone = new[] { new GoneDevice(FleetMergeTests.Registration("back"), FleetLwm2mState.Expired, LeftAt) };

        var fleet = FleetMerge.Merge([FleetMergeTests.Registration("back")], gone, [], LeftAt);

        var device = Assert.Single(fleet);
        Assert.Equal(FleetLwm2mState.Registered, device.State);
    }

    [Theory]
    [InlineData("deregistered", "left")]
    [InlineData("EXPIRED", "lapsed")]
    [InlineData("registered", "here")]
    public void Query_StateFilter_AcceptsTheGoneStates(string state, string expected)
    {
        var gone = new[]
        {
            new GoneDevice(FleetMergeTests.Registration("left"), FleetLwm2mState.Deregistered, LeftAt),
            new GoneDevice(FleetMergeTests.Registration("lapsed"), FleetLwm2mState.Expired, LeftAt),
        };
        var fleet = FleetMerge.Merge([FleetMergeTests.Registration("here")], gone, [], LeftAt);
        Assert.True(FleetQuery.TryCreate(null, null, null, null, null, state, 10, 100, out var query, out _));

        var page = query.Apply(fleet, new SparkplugSource("http://host/api/nodes", true, null, LeftAt));

        Assert.Equal([expected], page.Devices.Select(device => device.Endpoint));
    }

    [Fact]
    public void Query_ProtocolLwm2m_IncludesTheGone()
    {
        var gone = new[] { new GoneDevice(FleetMergeTests.Registration("left"), FleetLwm2mState.Deregistered, LeftAt) };
        var fleet = FleetMerge.Merge([], gone, [FleetMergeTests.Node("edge-only", online: true)], LeftAt);
        Assert.True(FleetQuery.TryCreate(null, null, null, null, "lwm2m", null, 10, 100, out var query, out _));

        var page = query.Apply(fleet, new SparkplugSource("http://host/api/nodes", true, null, LeftAt));

        Assert.Equal(["left"], page.Devices.Select(device => device.Endpoint));
    }
}
