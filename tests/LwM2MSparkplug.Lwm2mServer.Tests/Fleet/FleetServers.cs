using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

/// <summary>
/// What the fleet API tests run against: a broker, a fake Sparkplug host answering <c>/api/nodes</c> with the given
/// nodes, and two LwM2M servers with <c>both-1</c> and <c>lwm2m-only</c> registered: <see cref="WithHost"/> reads that
/// host, <see cref="WithoutHost"/> is pointed at a port nobody listens on.
/// </summary>
internal sealed class FleetServers : IAsyncDisposable
{
    FleetServers(TestBroker broker, FakeSparkplugHost host)
    {
        Broker = broker;
        Host = host;
    }

    public TestBroker Broker { get; }
    public FakeSparkplugHost Host { get; }
    public TestService WithHost { get; private set; } = null!;
    public TestService WithoutHost { get; private set; } = null!;

    /// <param name="hostNodes">The fake host's <c>/api/nodes</c> answer.</param>
    /// <param name="settings">Configuration of both servers beside the broker and the host URL.</param>
    public static async Task<FleetServers> StartAsync(string hostNodes, IReadOnlyDictionary<string, string> settings)
    {
        var servers = new FleetServers(await TestBroker.StartAsync(), await FakeSparkplugHost.StartAsync());
        servers.Host.NodesJson = hostNodes;
        servers.WithHost = await servers.StartServerAsync(servers.Host.Url, settings);
        servers.WithoutHost = await servers.StartServerAsync($"http://127.0.0.1:{FreePorts.Next()}", settings);
        foreach (var server in new[] { servers.WithHost, servers.WithoutHost })
        {
            var store = server.Services.GetRequiredService<IRegistrationStore>();
            store.TryRegister(FleetMergeTests.Registration("both-1") with { LastUpdateAt = DateTimeOffset.UtcNow }, out _);
            store.TryRegister(FleetMergeTests.Registration("lwm2m-only") with { LastUpdateAt = DateTimeOffset.UtcNow }, out _);
        }
        return servers;
    }

    async Task<TestService> StartServerAsync(string sparkplugHostUrl, IReadOnlyDictionary<string, string> settings)
    {
        var configuration = Broker.ClientConfiguration();
        configuration["Lwm2mServer:SparkplugHostUrl"] = sparkplugHostUrl;
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }
        var server = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, configuration, b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        await Eventually.UntilAsync(async () => (await server.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode, "the server is connected to the broker");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await WithHost.DisposeAsync();
        await WithoutHost.DisposeAsync();
        await Host.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
