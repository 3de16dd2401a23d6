using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.DeviceSimulator.Tests;

/// <summary><c>/api/health</c> of a simulator follows how many of its devices are connected.</summary>
public sealed class FleetConnectedHealthCheckTests
{
    [Fact]
    public async Task BrokerDown_IsUnhealthyWithNoDeviceConnected_AndHealthyAgainOnceTheyReconnect()
    {
        await using var broker = await TestBroker.StartAsync();
        using var state = new TemporaryDirectory();
        await using var simulator = await StartSimulatorAsync(broker, state, "outage", devices: 3);
        await HealthAsync(simulator, h => Status(h) == "healthy" && h.GetProperty("devices_connected").GetInt32() == 3, "every device is connected");

        await broker.StopAsync();

        // The devices notice the loss one by one (degraded in between); once none is connected, unhealthy. (The status
        // comes from the check, the device counts are read after it, so they are compared once the status has turned.)
        var down = await HealthAsync(simulator, h => Status(h) == "unhealthy", "the simulator reports its devices disconnected");
        Assert.Equal(0, down.GetProperty("devices_connected").GetInt32());
        Assert.Equal(3, down.GetProperty("devices_configured").GetInt32());
        Assert.Equal("none of 3 devices is connected", Check(down));

        await broker.RestartAsync();
        // The fleet check is healthy again; the service as a whole may stay degraded for the window if publishes failed
        // during the outage (loss_and_lag), which is its own check's business.
        await HealthAsync(simulator, h => CheckStatus(h) == "healthy" && h.GetProperty("devices_connected").GetInt32() == 3, "every device is connected again");
    }

    [Theory]
    [InlineData(null, "degraded")]
    [InlineData("0.75", "healthy")]
    [InlineData("0.8", "degraded")]
    public async Task OneOfFourDevicesRefused_IsJudgedAgainstTheHealthyConnectedFraction(string? fraction, string expected)
    {
        await using var broker = await TestBroker.StartAsync();
        RefuseClient(broker, "frac-004");
        using var state = new TemporaryDirectory();
        await using var simulator = await StartSimulatorAsync(broker, state, "frac", devices: 4, settings =>
        {
            if (fraction is not null)
            {
                settings["Simulator:HealthyConnectedFraction"] = fraction;
            }
        });

        // The check and the device counts are read at different moments: wait for a response in which the check has
        // judged three connected devices too (the fourth is refused for good, so that state lasts).
        var health = await HealthAsync(
            simulator,
            h => h.GetProperty("devices_connected").GetInt32() == 3 && (Status(h) == "healthy" || Check(h)!.StartsWith("3 of 4", StringComparison.Ordinal)),
            "three devices are connected and the check has seen them");

        Assert.Equal(expected, Status(health));
        Assert.Equal(4, health.GetProperty("devices_configured").GetInt32());
        if (expected == "degraded")
        {
            Assert.StartsWith("3 of 4 devices connected, below the healthy fraction", Check(health), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WhileTheFleetIsStillStartingDevices_NoneConnectedIsDegradedNotUnhealthy()
    {
        await using var broker = await TestBroker.StartAsync();
        RefuseClient(broker, "slow-001");
        using var state = new TemporaryDirectory();
        // The second device starts a minute after the first: the fleet is starting for the whole test.
        await using var simulator = await StartSimulatorAsync(broker, state, "slow", devices: 2, settings => settings["Simulator:StartIntervalSeconds"] = "60");

        var health = await HealthAsync(simulator, h => h.GetProperty("devices").GetInt32() == 1, "the first device is started");

        Assert.Equal("degraded", Status(health));
        Assert.Equal("starting: 1 of 2 devices started, 0 connected", Check(health));
    }

    static void RefuseClient(TestBroker broker, string clientId) =>
        broker.Broker.Server.ValidatingConnectionAsync += args =>
        {
            if (args.ClientId == clientId)
            {
                args.ReasonCode = MqttConnectReasonCode.NotAuthorized;
            }
            return Task.CompletedTask;
        };

    static async Task<TestService> StartSimulatorAsync(TestBroker broker, TemporaryDirectory state, string prefix, int devices, Action<IDictionary<string, string?>>? configure = null)
    {
        var configuration = broker.ClientConfiguration();
        configuration["Simulator:DeviceCount"] = devices.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Simulator:DeviceIdPrefix"] = prefix;
        configuration["Simulator:StartIntervalSeconds"] = "0";
        configuration["Simulator:TelemetryIntervalSeconds"] = "0.5";
        configuration["Simulator:Lwm2mIntervalSeconds"] = "1";
        configuration["Simulator:StateDirectory"] = state.Path;
        configure?.Invoke(configuration);
        return await TestService.StartAsync(DeviceSimulatorExtensions.ServiceName, configuration, b => b.AddDeviceSimulator(), a => a.MapDeviceSimulatorApi());
    }

    static async Task<JsonElement> HealthAsync(TestService simulator, Func<JsonElement, bool> accept, string because) =>
        await Eventually.ValueAsync(
            async () => await (await simulator.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken),
            accept,
            because);

    static string? Status(JsonElement health) => health.GetProperty("status").GetString();

    // Checks are listed only when the service is not healthy; then every one is.
    static string? CheckStatus(JsonElement health) =>
        health.TryGetProperty("checks", out var checks) ? checks.GetProperty("devices_connected").GetProperty("status").GetString() : Status(health);

    static string? Check(JsonElement health) => health.GetProperty("checks").GetProperty("devices_connected").GetProperty("description").GetString();
}
