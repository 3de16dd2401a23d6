using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Operations;

public sealed class ObservationStoreTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAdd_PastMaxPerEndpoint_IsRefusedAndCounted_OtherDevicesAreNotAffected_AndRemovalMakesRoom()
    {
        var store = new ObservationStore(maxPerEndpoint: 2);
        Assert.True(store.TryAdd(Observation("o-1", "dev-1")));
        Assert.True(store.TryAdd(Observation("o-2", "dev-1")));

        Assert.False(store.TryAdd(Observation("o-3", "dev-1")));
        Assert.True(store.TryAdd(Observation("o-4", "dev-2")));
        Assert.Equal(1, store.Refused);
        Assert.Equal(3, store.Count);

        store.Remove("o-1");
        Assert.True(store.TryAdd(Observation("o-5", "dev-1")));
        store.RemoveEndpoint("dev-1");
        Assert.True(store.TryAdd(Observation("o-6", "dev-1")));
        Assert.True(store.TryAdd(Observation("o-7", "dev-1")));
        Assert.Equal(["o-4"], store.ForEndpoint("dev-2").Select(o => o.Id));
    }

    static Observation Observation(string id, string endpoint) => new(id, endpoint, "reg-" + endpoint, [Lwm2mPath.Parse("/3303/0/5700")], T0);
}
