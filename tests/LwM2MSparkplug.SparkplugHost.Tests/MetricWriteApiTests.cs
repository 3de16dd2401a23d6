using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Tests;

/// <summary>One host and one born edge node whose device declares a Float, an Int32 and a String metric.</summary>
public sealed class MetricWriteApiFixture : IAsyncLifetime
{
    public const string Group = "W";
    public const string Edge = "write-edge";

    public SparkplugHostHarness Harness { get; private set; } = null!;
    public MqttProbe EdgeProbe { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Harness = await SparkplugHostHarness.StartAsync();
        EdgeProbe = await Harness.ConnectEdgeAsync(Group, Edge, bdSeq: 0);
        await EdgeProbe.PublishAsync($"spBv1.0/{Group}/NBIRTH/{Edge}", SparkplugHostHarness.NodeBirth(0), MqttQualityOfServiceLevel.AtMostOnce);
        await EdgeProbe.PublishAsync($"spBv1.0/{Group}/DBIRTH/{Edge}/sensor", SparkplugHostHarness.DeviceBirth(1,
            new SparkplugMetric("setpoint", 5, 1, MetricValue.FromFloat(21)),
            new SparkplugMetric("count", 6, 1, MetricValue.FromInt32(0)),
            new SparkplugMetric("label", 7, 1, MetricValue.FromString("x"))), MqttQualityOfServiceLevel.AtMostOnce);
        await Eventually.UntilAsync(async () =>
        {
            var response = await Harness.Host.Http.GetAsync($"/api/nodes/{Group}/{Edge}", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("devices").GetArrayLength() == 1;
        }, "the edge node and its device are born");
    }

    public async ValueTask DisposeAsync()
    {
        await EdgeProbe.DisposeAsync();
        await Harness.DisposeAsync();
    }
}

/// <summary>Metric writes over REST: every body that does not fit is a 400 problem that says why; none is a 500.</summary>
public sealed class MetricWriteApiTests(MetricWriteApiFixture fixture) : IClassFixture<MetricWriteApiFixture>
{
    const string Device = $"/api/nodes/{MetricWriteApiFixture.Group}/{MetricWriteApiFixture.Edge}/devices/sensor/metrics/";

    [Theory]
    [InlineData("setpoint", """{}""", "'value'")]
    [InlineData("setpoint", """{"args":1}""", "'value'")]
    [InlineData("setpoint", """{"value":1e400}""", "'setpoint' (Float)")]
    [InlineData("setpoint", """{"value":1e39}""", "'setpoint' (Float)")]
    [InlineData("setpoint", """{"value":"hot"}""", "'setpoint' (Float)")]
    [InlineData("setpoint", """{"value":true}""", "'setpoint' (Float)")]
    [InlineData("count", """{"value":2147483648}""", "'count' (Int32)")]
    [InlineData("count", """{"value":1.5}""", "'count' (Int32)")]
    [InlineData("count", """{"value":"Infinity"}""", "'count' (Int32)")]
    [InlineData("count", """{"value":[1]}""", "'count' (Int32)")]
    [InlineData("label", """{"value":1}""", "'label' (String)")]
    [InlineData("setpoint", """null""", "JSON object")]
    [InlineData("setpoint", """[{"value":1}]""", "JSON object")]
    [InlineData("setpoint", "\"value\"", "JSON object")]
    [InlineData("setpoint", """{"value":""", "not valid JSON")]
    [InlineData("setpoint", "", "not valid JSON")]
    public async Task ABodyThatDoesNotFit_IsA400Problem_NamingTheFieldOrTheMetricAndType(string metric, string body, string named)
    {
        var response = await PostAsync(metric, Encoding.UTF8.GetBytes(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, named);
    }

    [Theory]
    [InlineData("label")]
    [InlineData("setpoint")]
    public async Task AStringOfInvalidUtf8_IsA400Problem(string metric)
    {
        var response = await PostAsync(metric, Encoding.Latin1.GetBytes("{\"value\":\"a\xff\"}"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "UTF-8");
    }

    [Fact]
    public async Task ABodyThatIsNotJson_IsA415Problem()
    {
        using var content = new StringContent("value=1", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await fixture.Harness.Host.Http.PostAsync(Device + "setpoint", content, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("-40.5")]
    public async Task AFloatMetric_TakesFiniteNumbersAndTheNamedNonFiniteValues_WhetherTheDeviceAcceptsThemIsItsPolicy(string value)
    {
        var response = await PostAsync("setpoint", Encoding.UTF8.GetBytes($$"""{"value":{{value}}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/nodes/%FF/%FE")]
    [InlineData("GET", "/api/nodes/W/%00")]
    [InlineData("POST", "/api/nodes/W+/write-edge/rebirth")]
    [InlineData("POST", "/api/nodes/%FF/write-edge/rebirth")]
    [InlineData("POST", "/api/nodes/W/write-edge/metrics/%FF%FE")]
    [InlineData("POST", "/api/nodes/W/write-edge/devices/%23/metrics/setpoint")]
    [InlineData("POST", "/api/nodes/W/write-edge/devices/sensor/metrics/setpoint/%2F..%2F")]
    public async Task OddRouteValues_AreAnsweredAsClientErrors(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Content = new StringContent("""{"value":1}""", Encoding.UTF8, "application/json");

        var response = await fixture.Harness.Host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.InRange((int)response.StatusCode, 200, 499);
    }

    async Task<HttpResponseMessage> PostAsync(string metric, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await fixture.Harness.Host.Http.PostAsync(Device + metric, content, TestContext.Current.CancellationToken);
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string named)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
