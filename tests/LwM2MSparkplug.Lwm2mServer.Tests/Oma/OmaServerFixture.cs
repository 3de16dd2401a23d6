using System.Globalization;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Oma;

/// <summary>A broker and the LwM2M server alone; each test plays its own OMA-binding device with a raw MQTT client.</summary>
public sealed class OmaServerFixture : IAsyncLifetime
{
    public TestBroker Broker { get; private set; } = null!;
    public TestService Server { get; private set; } = null!;
    public HttpClient Http => Server.Http;

    public async ValueTask InitializeAsync()
    {
        Broker = await TestBroker.StartAsync();
        var configuration = Broker.ClientConfiguration();
        configuration["Lwm2mServer:RequestTimeoutSeconds"] = "10";
        Server = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, configuration, b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        await Eventually.UntilAsync(async () => (await Server.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode, "the server is connected to the broker");
    }

    /// <summary>A device client subscribed to its own OMA topic <c>lwm2m/rd/{endpoint}</c> (it sees its own publications too, as the binding says).</summary>
    public Task<MqttProbe> DeviceAsync(string endpoint) => MqttProbe.ConnectAsync(Broker.Port, endpoint, $"lwm2m/rd/{endpoint}");

    public async Task<double> MetricAsync(string series)
    {
        var text = await Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        return PrometheusText.Value(text, series);
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Token(ulong token) => token.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
