using LwM2MSparkplug.Lwm2mServer.Registry;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Registry;

public sealed class DeviceMessageRatesTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Record_PastTheCapacity_ANewEndpointIsNotCounted_AKnownOneStillIs()
    {
        var rates = new DeviceMessageRates(capacity: 2);

        rates.Record("a", T0);
        rates.Record("b", T0);
        rates.Record("c", T0);
        rates.Record("a", T0);

        Assert.Equal(2, rates.Count);
        Assert.Equal(2, rates.PerMinute("a", T0));
        Assert.Equal(0, rates.PerMinute("c", T0));
    }

    [Fact]
    public void Forget_DropsSilentUnregisteredEndpoints_KeepsRegisteredAndTalkingOnes_AtMostOnceAMinute()
    {
        var rates = new DeviceMessageRates(capacity: 10);
        rates.Record("registered", T0);
        rates.Record("gone", T0);
        rates.Record("talking", T0);
        rates.Forget(T0, _ => false);
        Assert.Equal(3, rates.Count);

        rates.Record("talking", T0.AddSeconds(60));
        rates.Forget(T0.AddSeconds(30), _ => false);
        Assert.Equal(3, rates.Count);
        rates.Forget(T0.AddSeconds(70), endpoint => endpoint == "registered");

        Assert.Equal(2, rates.Count);
        Assert.Equal(0, rates.PerMinute("gone", T0.AddSeconds(70)));
        Assert.Equal(1, rates.PerMinute("talking", T0.AddSeconds(70)));
    }
}
