using LwM2MSparkplug.Lwm2mServer.Fleet;
using Microsoft.Extensions.Time.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

/// <summary>The bounded list of de-registered and expired devices behind the fleet's <c>deregistered</c>/<c>expired</c> states.</summary>
public sealed class GoneDevicesTests
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Record_KeepsTheLastRegistration_HowAndWhenItLeft()
    {
        var gone = new GoneDevices(TimeSpan.FromMinutes(10), 100, _time);
        var registration = FleetMergeTests.Registration("dev-1");

        gone.Record(registration, FleetLwm2mState.Deregistered);

        var device = Assert.Single(gone.Snapshot());
        Assert.Same(registration, device.Registration);
        Assert.Equal(FleetLwm2mState.Deregistered, device.State);
        Assert.Equal(_time.GetUtcNow(), device.LeftAt);
    }

    [Fact]
    public void Snapshot_LeavesOutDevices_PastTheRetention()
    {
        var gone = new GoneDevices(TimeSpan.FromSeconds(600), 100, _time);
        gone.Record(FleetMergeTests.Registration("early"), FleetLwm2mState.Expired);
        _time.Advance(TimeSpan.FromSeconds(300));
        gone.Record(FleetMergeTests.Registration("late"), FleetLwm2mState.Deregistered);

        _time.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(["early", "late"], Endpoints(gone));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["late"], Endpoints(gone));
        Assert.Equal(1, gone.Count);

        _time.Advance(TimeSpan.FromSeconds(300));
        Assert.Empty(gone.Snapshot());
        Assert.Equal(0, gone.Dropped);
    }

    [Fact]
    public void Record_PastTheCapacity_ForgetsTheOneThatLeftFirst_AndCountsIt()
    {
        var gone = new GoneDevices(TimeSpan.FromHours(1), 2, _time);

        foreach (var endpoint in new[] { "a", "b", "c", "d" })
        {
            gone.Record(FleetMergeTests.Registration(endpoint), FleetLwm2mState.Expired);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["c", "d"], Endpoints(gone));
        Assert.Equal(2, gone.Dropped);
    }

    [Fact]
    public void Record_OfAnEndpointAlreadyGone_ReplacesIt_WithoutCountingADrop()
    {
        var gone = new GoneDevices(TimeSpan.FromHours(1), 2, _time);
        gone.Record(FleetMergeTests.Registration("a"), FleetLwm2mState.Expired);
        gone.Record(FleetMergeTests.Registration("b"), FleetLwm2mState.Expired);
        _time.Advance(TimeSpan.FromSeconds(5));

        gone.Record(FleetMergeTests.Registration("a"), FleetLwm2mState.Deregistered);

        Assert.Equal(["b", "a"], Endpoints(gone));
        Assert.Equal(FleetLwm2mState.Deregistered, gone.Snapshot()[1].State);
        Assert.Equal(0, gone.Dropped);
    }

    [Fact]
    public void Forget_TakesTheEndpointOff()
    {
        var gone = new GoneDevices(TimeSpan.FromHours(1), 10, _time);
        gone.Record(FleetMergeTests.Registration("a"), FleetLwm2mState.Expired);

        Assert.True(gone.Forget("a"));
        Assert.False(gone.Forget("a"));
        Assert.Empty(gone.Snapshot());
    }

    [Theory]
    [InlineData(FleetLwm2mState.Registered)]
    [InlineData(FleetLwm2mState.Offline)]
    [InlineData(FleetLwm2mState.Unregistered)]
    public void Record_AsAStateThatIsNotADeparture_Throws(FleetLwm2mState state)
    {
        var gone = new GoneDevices(TimeSpan.FromHours(1), 10, _time);

        Assert.Throws<ArgumentOutOfRangeException>(() => gone.Record(FleetMergeTests.Registration("a"), state));
    }

    static IEnumerable<string> Endpoints(GoneDevices gone) => gone.Snapshot().Select(device => device.Registration.Endpoint);
}
