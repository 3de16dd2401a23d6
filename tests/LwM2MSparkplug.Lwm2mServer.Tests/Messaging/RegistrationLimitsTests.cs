using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Messaging;

/// <summary>The registration limits as a device sees them: the acknowledgement on the wire, and the server's counters.</summary>
public sealed class RegistrationLimitsTests
{
    [Fact]
    public async Task NewEndpoint_PastMaxRegistrations_IsRefusedWith503NamingTheLimit_ButARegisteredEndpointMayRegisterAgain()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var server = await StartServerAsync(broker, new() { ["Lwm2mServer:MaxRegistrations"] = "2" });
        await using var device = await MqttProbe.ConnectAsync(broker.Port, "registration-limit-probe", "lwm2m/+/reg/ack");

        foreach (var endpoint in new[] { "cap-1", "cap-2", "cap-3", "cap-1" })
        {
            await device.PublishAsync($"lwm2m/{endpoint}/reg", Encoding.UTF8.GetBytes("""{"lifetime":60,"version":"1.2"}"""));
        }

        var refused = await AcknowledgementAsync(device, "lwm2m/cap-3/reg/ack", 1);
        Assert.Equal("5.03", refused.GetProperty("code").GetString());
        Assert.Contains("LWM2M_MAX_REGISTRATIONS", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("2.01", (await AcknowledgementAsync(device, "lwm2m/cap-1/reg/ack", 2)).GetProperty("code").GetString());
        var devices = await server.Http.GetStringAsync("/api/devices", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("cap-3", devices, StringComparison.Ordinal);
        var metrics = await server.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(1, PrometheusText.Value(metrics, "lwm2m_limit_refusals_total{limit=\"max_registrations\"}"));
        var health = await server.Http.GetStringAsync("/api/health", TestContext.Current.CancellationToken);
        Assert.Contains("degraded", health, StringComparison.Ordinal);
        Assert.Contains("lwm2m_limit_refusals_total", health, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifetime_OutsideTheAcceptedRange_IsRefusedWith400NamingTheLimit_OnRegisterAndUpdate()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var server = await StartServerAsync(broker, new() { ["Lwm2mServer:MinLifetimeSeconds"] = "30", ["Lwm2mServer:MaxLifetimeSeconds"] = "3600" });
        await using var device = await MqttProbe.ConnectAsync(broker.Port, "lifetime-limit-probe", "lwm2m/lt-1/reg/ack", "lwm2m/lt-1/update/ack");

        await device.PublishAsync("lwm2m/lt-1/reg", Encoding.UTF8.GetBytes("""{"lifetime":5,"version":"1.2"}"""));
        await device.PublishAsync("lwm2m/lt-1/reg", Encoding.UTF8.GetBytes("""{"lifetime":7200,"version":"1.2"}"""));
        await device.PublishAsync("lwm2m/lt-1/reg", Encoding.UTF8.GetBytes("""{"lifetime":60,"version":"1.2"}"""));
        await device.PublishAsync("lwm2m/lt-1/update", Encoding.UTF8.GetBytes("""{"lifetime":100000}"""));

        var tooShort = await AcknowledgementAsync(device, "lwm2m/lt-1/reg/ack", 1);
        Assert.Equal("4.00", tooShort.GetProperty("code").GetString());
        Assert.Contains("LWM2M_MIN_LIFETIME_SECONDS", tooShort.GetProperty("error").GetString(), StringComparison.Ordinal);
        var tooLong = await AcknowledgementAsync(device, "lwm2m/lt-1/reg/ack", 2);
        Assert.Equal("4.00", tooLong.GetProperty("code").GetString());
        Assert.Contains("LWM2M_MAX_LIFETIME_SECONDS", tooLong.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("2.01", (await AcknowledgementAsync(device, "lwm2m/lt-1/reg/ack", 3)).GetProperty("code").GetString());
        var update = await AcknowledgementAsync(device, "lwm2m/lt-1/update/ack", 1);
        Assert.Equal("4.00", update.GetProperty("code").GetString());
        Assert.Contains("LWM2M_MAX_LIFETIME_SECONDS", update.GetProperty("error").GetString(), StringComparison.Ordinal);

        var registration = JsonDocument.Parse(await server.Http.GetStringAsync("/api/devices/lt-1", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(60, registration.GetProperty("lifetime_seconds").GetInt32());
        var metrics = await server.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(1, PrometheusText.Value(metrics, "lwm2m_limit_refusals_total{limit=\"min_lifetime\"}"));
        Assert.Equal(2, PrometheusText.Value(metrics, "lwm2m_limit_refusals_total{limit=\"max_lifetime\"}"));
    }

    static async Task<TestService> StartServerAsync(TestBroker broker, Dictionary<string, string> settings)
    {
        var configuration = broker.ClientConfiguration();
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }
        var server = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, configuration, b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        await Eventually.UntilAsync(async () => (await server.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode, "the server is connected to the broker");
        return server;
    }

    /// <summary>The <paramref name="number"/>th acknowledgement on <paramref name="topic"/>, once it has arrived.</summary>
    static async Task<JsonElement> AcknowledgementAsync(MqttProbe device, string topic, int number)
    {
        await Eventually.UntilAsync(() => Task.FromResult(device.On(topic).Count >= number), $"acknowledgement {number} on {topic}");
        return JsonDocument.Parse(device.On(topic)[number - 1].Payload).RootElement;
    }
}
