using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

/// <summary>
/// Messages past a size limit are refused at once with an answer naming the limit and the setting that raises it:
/// REST bodies past <c>LWM2M_MAX_REQUEST_BODY_BYTES</c>, device messages past <c>LWM2M_MAX_PAYLOAD_BYTES</c>.
/// </summary>
public sealed class LargeMessageTests(Lwm2mServerFixture server) : IClassFixture<Lwm2mServerFixture>
{
    const string Device = $"/api/devices/{Lwm2mServerFixture.Endpoint}";
    const int DefaultMaxRequestBodyBytes = 64 * 1024;
    const int DefaultMaxPayloadBytes = 64 * 1024;

    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteBody_PastTheRequestBodyLimit_IsA413ProblemNamingTheLimit_AndNothingIsSent(bool contentLength)
    {
        var refusedBefore = await LimitRefusalsAsync("max_request_body_bytes");
        var body = Encoding.UTF8.GetBytes($$"""{"value":"{{new string('x', 1024 * 1024)}}"}""");
        using HttpContent content = contentLength ? new ByteArrayContent(body) : new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await server.Http.PutAsync($"{Device}/3/0/14", content, Cancel);

        var detail = await ProblemDetailAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(DefaultMaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
        Assert.Contains("LWM2M_MAX_REQUEST_BODY_BYTES", detail, StringComparison.Ordinal);
        Assert.Equal(refusedBefore + 1, await LimitRefusalsAsync("max_request_body_bytes"));
        Assert.DoesNotContain(server.Device.Received, m => m.Topic.Contains("/cmd/", StringComparison.Ordinal) && m.Payload.Length > DefaultMaxRequestBodyBytes);
    }

    [Fact]
    public async Task DeviceResponse_PastThePayloadLimit_FailsTheWaitingRequestAtOnce_WithA502NamingTheLimit()
    {
        var invalidBefore = await server.InvalidMessagesAsync("payload_too_large");
        var started = Stopwatch.StartNew();
        var read = server.Http.GetAsync($"{Device}/3/0/0", Cancel);

        await server.AnswerNextRequestAsync(Encoding.UTF8.GetBytes($$"""{"code":"2.05","format":"text","payload":"{{new string('x', DefaultMaxPayloadBytes)}}"}"""));
        var response = await read;

        var detail = await ProblemDetailAsync(response, HttpStatusCode.BadGateway);
        Assert.Contains("too large", detail, StringComparison.Ordinal);
        Assert.Contains("LWM2M_MAX_PAYLOAD_BYTES", detail, StringComparison.Ordinal);
        Assert.True(started.Elapsed < Lwm2mServerFixture.RequestTimeout / 2, $"the request failed after {started.Elapsed}, not at once");
        Assert.Equal(invalidBefore + 1, await server.InvalidMessagesAsync("payload_too_large"));
    }

    [Theory]
    [InlineData("reg")]
    [InlineData("update")]
    public async Task RegisterOrUpdate_PastThePayloadLimit_IsAcknowledged400NamingTheLimit(string kind)
    {
        var invalidBefore = await server.InvalidMessagesAsync("payload_too_large");
        var ackTopic = $"lwm2m/{Lwm2mServerFixture.Endpoint}/{kind}/ack";
        var acksBefore = server.Device.On(ackTopic).Count;

        await server.Device.PublishAsync($"lwm2m/{Lwm2mServerFixture.Endpoint}/{kind}", new byte[DefaultMaxPayloadBytes + 1]);

        await Eventually.UntilAsync(() => server.Device.On(ackTopic).Count > acksBefore, $"the server acknowledges the oversize {kind}");
        var ack = JsonDocument.Parse(server.Device.On(ackTopic)[acksBefore].Payload).RootElement;
        Assert.Equal("4.00", ack.GetProperty("code").GetString());
        Assert.Contains("LWM2M_MAX_PAYLOAD_BYTES", ack.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(invalidBefore + 1, await server.InvalidMessagesAsync("payload_too_large"));
    }

    async Task<double> LimitRefusalsAsync(string limit) =>
        PrometheusText.Value(await server.Http.GetStringAsync("/metrics", Cancel), $"lwm2m_limit_refusals_total{{limit=\"{limit}\"}}");

    static async Task<string> ProblemDetailAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
    }

    /// <summary>A body of unknown length, so the client sends it chunked, without a Content-Length.</summary>
    sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
