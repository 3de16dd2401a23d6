using System.Globalization;
using System.Text;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests;

/// <summary>
/// A broker, the LwM2M server alone (requests time out after 10 s), and one scripted device: a raw MQTT client
/// registered with objects 1, 3 and 3303 that answers the server's requests with whatever bytes a test gives it.
/// </summary>
public sealed class Lwm2mServerFixture : IAsyncLifetime
{
    public const string Endpoint = "dev-1";
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    const string CommandTopicPrefix = $"lwm2m/{Endpoint}/cmd/";

    readonly HashSet<string> _answered = [];

    public TestBroker Broker { get; private set; } = null!;
    public TestService Server { get; private set; } = null!;
    public MqttProbe Device { get; private set; } = null!;
    public HttpClient Http => Server.Http;

    public async ValueTask InitializeAsync()
    {
        Broker = await TestBroker.StartAsync();
        var configuration = Broker.ClientConfiguration();
        configuration["Lwm2mServer:RequestTimeoutSeconds"] = RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        Server = await TestService.StartAsync(Lwm2mServerExtensions.ServiceName, configuration, b => b.AddLwm2mServer(), a => a.MapLwm2mServerApi());
        await Eventually.UntilAsync(async () => (await Server.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode, "the server is connected to the broker");
        Device = await MqttProbe.ConnectAsync(Broker.Port, Endpoint, $"lwm2m/{Endpoint}/#");
        await RegisterAsync();
    }

    /// <summary>Registers the device with objects 1, 3 and 3303 and waits for the server's 2.01.</summary>
    public async Task RegisterAsync()
    {
        await Device.PublishAsync($"lwm2m/{Endpoint}/reg", """{"version":"1.2","objects":"</1>;ver=1.2,</1/0>,</3>;ver=1.2,</3/0>,</3303>;ver=1.1,</3303/0>"}"""u8.ToArray());
        await Device.WaitForAsync(m => m.Topic == $"lwm2m/{Endpoint}/reg/ack" && Encoding.UTF8.GetString(m.Payload).Contains("2.01", StringComparison.Ordinal), "the server acknowledges the Register");
    }

    /// <summary>Waits for a request not yet answered and answers it with the bytes <paramref name="response"/>.</summary>
    public async Task AnswerNextRequestAsync(byte[] response)
    {
        var request = await Device.WaitForAsync(
            m => m.Topic.StartsWith(CommandTopicPrefix, StringComparison.Ordinal) && !_answered.Contains(m.Topic),
            "the server sends a request to the device");
        _answered.Add(request.Topic);
        await Device.PublishAsync($"lwm2m/{Endpoint}/resp/{request.Topic[CommandTopicPrefix.Length..]}", response);
    }

    /// <summary>The server's <c>lwm2m_invalid_messages_total</c> for <paramref name="reason"/>, from <c>/metrics</c>.</summary>
    public async Task<double> InvalidMessagesAsync(string reason)
    {
        var text = await Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        return PrometheusText.Value(text, $"lwm2m_invalid_messages_total{{reason=\"{reason}\"}}");
    }

    /// <summary>The JSON with each <c>&lt;bad&gt;</c> replaced by bytes that are not UTF-8 (0xC3 0x28).</summary>
    public static byte[] WithInvalidUtf8(string json) =>
        [.. json.Split("<bad>").Select(Encoding.UTF8.GetBytes).Aggregate((joined, next) => [.. joined, 0xC3, 0x28, .. next])];

    public async ValueTask DisposeAsync()
    {
        await Device.DisposeAsync();
        await Server.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
