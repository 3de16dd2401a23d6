using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Registry;

public sealed class InMemoryRegistrationStoreTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RemoveExpired_RemovesOnlyRegistrationsPastTheirLifetime()
    {
        var store = new InMemoryRegistrationStore();
        store.Register(Registration("short", TimeSpan.FromSeconds(10)));
        store.Register(Registration("long", TimeSpan.FromSeconds(100)));

        var removed = store.RemoveExpired(T0.AddSeconds(10));

        Assert.Equal(["short"], removed.Select(r => r.Endpoint));
        Assert.Equal(["long"], store.GetAll().Select(r => r.Endpoint));
    }

    [Fact]
    public void Update_OfAnUnknownEndpoint_ReturnsNull()
    {
        Assert.Null(new InMemoryRegistrationStore().Update("nobody", r => r));
    }

    [Fact]
    public void ConcurrentUpdates_AreAllApplied()
    {
        var store = new InMemoryRegistrationStore();
        store.Register(Registration("dev", TimeSpan.FromSeconds(10)));

        Parallel.For(0, 1000, _ => store.Update("dev", r => r with { Lifetime = r.Lifetime + TimeSpan.FromSeconds(1) }));

        Assert.True(store.TryGet("dev", out var registration));
        Assert.Equal(TimeSpan.FromSeconds(1010), registration.Lifetime);
    }

    static Registration Registration(string endpoint, TimeSpan lifetime) =>
        new(endpoint, "id-" + endpoint, lifetime, "1.2", "U", Lwm2mObjectList.Empty, T0, T0);
}
