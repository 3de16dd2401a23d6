using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Registry;

public sealed class InMemoryRegistrationStoreTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RemoveExpired_RemovesOnlyRegistrationsPastTheirLifetime()
    {
        var store = new InMemoryRegistrationStore(capacity: 10);
        store.TryRegister(Registration("short", TimeSpan.FromSeconds(10)), out _);
        store.TryRegister(Registration("long", TimeSpan.FromSeconds(100)), out _);

        var removed = store.RemoveExpired(T0.AddSeconds(10));

        Assert.Equal(["short"], removed.Select(r => r.Endpoint));
        Assert.Equal(["long"], store.GetAll().Select(r => r.Endpoint));
    }

    [Fact]
    public void Update_OfAnUnknownEndpoint_ReturnsNull()
    {
        Assert.Null(new InMemoryRegistrationStore(capacity: 10).Update("nobody", r => r));
    }

    [Fact]
    public void ConcurrentUpdates_AreAllApplied()
    {
        var store = new InMemoryRegistrationStore(capacity: 10);
        store.TryRegister(Registration("dev", TimeSpan.FromSeconds(10)), out _);

        Parallel.For(0, 1000, _ => store.Update("dev", r => r with { Lifetime = r.Lifetime + TimeSpan.FromSeconds(1) }));

        Assert.True(store.TryGet("dev", out var registration));
        Assert.Equal(TimeSpan.FromSeconds(1010), registration.Lifetime);
    }

    [Fact]
    public void ConcurrentRegistersOfNewEndpoints_StopAtTheCapacity_ReRegistrationStillSucceeds()
    {
        var store = new InMemoryRegistrationStore(capacity: 100);

        var accepted = 0;
        Parallel.For(0, 1000, i =>
        {
            if (store.TryRegister(Registration($"dev-{i}", TimeSpan.FromSeconds(10)), out _))
            {
                Interlocked.Increment(ref accepted);
            }
        });

        Assert.Equal(100, accepted);
        Assert.Equal(100, store.Count);
        Assert.Equal(100, store.GetAll().Count);
        var registered = store.GetAll()[0].Endpoint;
        Assert.True(store.TryRegister(Registration(registered, TimeSpan.FromSeconds(20)), out var replaced));
        Assert.Equal(registered, replaced!.Endpoint);
        Assert.True(store.TryRemove(registered, out _));
        Assert.True(store.TryRegister(Registration("newcomer", TimeSpan.FromSeconds(10)), out _));
    }

    static Registration Registration(string endpoint, TimeSpan lifetime) =>
        new(endpoint, "id-" + endpoint, lifetime, "1.2", "U", Lwm2mObjectList.Empty, T0, T0);
}
