using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Operations;

/// <summary>Queue mode's rules: awake for a while after each message, requests held while asleep, bounded and expiring.</summary>
public sealed class SleepingDevicesTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan AwakeTime = TimeSpan.FromSeconds(93);
    static readonly TimeSpan MaxHoldTime = TimeSpan.FromSeconds(600);
    static readonly Lwm2mRequest Read = new(Lwm2mOperation.Read);

    readonly SleepingDevices _devices = new(AwakeTime, maxHeldPerDevice: 2, MaxHoldTime);

    [Fact]
    public void ADevice_IsAwakeForTheAwakeTimeAfterItWasHeard_ThenItsRequestsAreHeld()
    {
        _devices.Wake("dev-1", T0);

        Assert.Equal(HoldOutcome.Awake, _devices.TryHold("dev-1", "r-1", Read, T0 + AwakeTime - TimeSpan.FromSeconds(1), out _));
        Assert.Equal(HoldOutcome.Held, _devices.TryHold("dev-1", "r-2", Read, T0 + AwakeTime, out var held));
        Assert.Equal(T0 + AwakeTime + MaxHoldTime, held!.ExpiresAt);
        Assert.Equal(1, _devices.Count);
    }

    [Fact]
    public void ADeviceNeverHeard_IsAsleep()
    {
        Assert.Equal(HoldOutcome.Held, _devices.TryHold("dev-1", "r-1", Read, T0, out _));
    }

    [Fact]
    public void PastTheMostHeldPerDevice_ARequestIsRefused_OtherDevicesStillHold()
    {
        _devices.TryHold("dev-1", "r-1", Read, T0, out _);
        _devices.TryHold("dev-1", "r-2", Read, T0, out _);

        Assert.Equal(HoldOutcome.QueueFull, _devices.TryHold("dev-1", "r-3", Read, T0, out var refused));
        Assert.Null(refused);
        Assert.Equal(HoldOutcome.Held, _devices.TryHold("dev-2", "r-4", Read, T0, out _));
    }

    [Fact]
    public void Waking_HandsOverTheHeldRequestsInOrder_AndTheDeviceIsAwake()
    {
        _devices.TryHold("dev-1", "r-1", Read, T0, out _);
        _devices.TryHold("dev-1", "r-2", Read, T0, out _);

        var released = _devices.Wake("dev-1", T0.AddSeconds(5));

        Assert.Equal(["r-1", "r-2"], released.Select(r => r.RequestId));
        Assert.Equal(0, _devices.Count);
        Assert.Equal(HoldOutcome.Awake, _devices.TryHold("dev-1", "r-3", Read, T0.AddSeconds(6), out _));
    }

    [Fact]
    public void Expire_RemovesTheRequestsHeldLongerThanTheMostHoldTime()
    {
        _devices.TryHold("dev-1", "r-1", Read, T0, out _);
        _devices.TryHold("dev-1", "r-2", Read, T0.AddSeconds(10), out _);

        var expired = _devices.Expire(T0 + MaxHoldTime);

        Assert.Equal(["r-1"], expired.Select(r => r.RequestId));
        Assert.Equal(["r-2"], _devices.Wake("dev-1", T0 + MaxHoldTime).Select(r => r.RequestId));
    }

    [Fact]
    public void AWithdrawnRequest_IsNotHandedOver_AndOneHandedOverCannotBeWithdrawn()
    {
        _devices.TryHold("dev-1", "r-1", Read, T0, out var first);
        _devices.TryHold("dev-1", "r-2", Read, T0, out var second);

        Assert.True(_devices.TryWithdraw(first!));
        Assert.Equal(["r-2"], _devices.Wake("dev-1", T0).Select(r => r.RequestId));
        Assert.False(_devices.TryWithdraw(second!));
    }

    [Fact]
    public void Forget_HandsOverTheHeldRequests_OfADeviceNoLongerInQueueMode()
    {
        _devices.TryHold("dev-1", "r-1", Read, T0, out _);

        Assert.Equal(["r-1"], _devices.Forget("dev-1").Select(r => r.RequestId));
        Assert.Empty(_devices.Forget("dev-1"));
    }
}
