using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LwM2MSparkplug.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Api;

public sealed class ApiKeyTests
{
    const string Key = "a-long-enough-test-key";

    [Fact]
    public async Task WithoutAKeyConfigured_EveryOperationIsOpen()
    {
        await using var service = await StartAsync(new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.OK, (await service.Http.PostAsync("api/things/1/reboot", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("api/things/1", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task WithAKey_AnOperationThatChangesSomething_NeedsIt(string method)
    {
        await using var service = await StartAsync(new Dictionary<string, string?> { ["Api:Key"] = Key });

        var refused = await service.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "api/things/1/reboot"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(refused.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Contains("API_KEY", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var wrong = new HttpRequestMessage(new HttpMethod(method), "api/things/1/reboot");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Http.SendAsync(wrong, Ct)).StatusCode);

        var bearer = new HttpRequestMessage(new HttpMethod(method), "api/things/1/reboot");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        Assert.Equal(HttpStatusCode.OK, (await service.Http.SendAsync(bearer, Ct)).StatusCode);

        var header = new HttpRequestMessage(new HttpMethod(method), "api/things/1/reboot");
        header.Headers.Add("X-API-Key", Key);
        Assert.Equal(HttpStatusCode.OK, (await service.Http.SendAsync(header, Ct)).StatusCode);

        var metrics = await service.Http.GetStringAsync("metrics", Ct);
        Assert.Equal(1, PrometheusText.Value(metrics, "http_requests_unauthorized_total{reason=\"missing\"}"));
        Assert.Equal(1, PrometheusText.Value(metrics, "http_requests_unauthorized_total{reason=\"wrong\"}"));
    }

    [Fact]
    public async Task WithAKey_ReadsHealthAndMetricsStayOpen_UnlessReadsAreProtected()
    {
        await using (var open = await StartAsync(new Dictionary<string, string?> { ["Api:Key"] = Key }))
        {
            Assert.Equal(HttpStatusCode.OK, (await open.Http.GetAsync("api/things/1", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await open.Http.GetAsync("api/health", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await open.Http.GetAsync("metrics", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await open.Http.GetAsync("ws/things", Ct)).StatusCode);
        }

        await using var guarded = await StartAsync(new Dictionary<string, string?> { ["Api:Key"] = Key, ["Api:ProtectReads"] = "true" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await guarded.Http.GetAsync("api/things/1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guarded.Http.GetAsync("api/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guarded.Http.GetAsync("ws/things", Ct)).StatusCode);
        var read = new HttpRequestMessage(HttpMethod.Get, "api/things/1");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        Assert.Equal(HttpStatusCode.OK, (await guarded.Http.SendAsync(read, Ct)).StatusCode);
    }

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Task<TestService> StartAsync(Dictionary<string, string?> configuration) =>
        TestService.StartAsync("api-key-test", configuration, _ => { }, app =>
        {
            app.MapGet("/api/things/{id}", () => Results.Ok());
            app.MapGet("/ws/things", () => Results.Ok());
            app.MapMethods("/api/things/{id}/reboot", ["POST", "PUT", "DELETE"], () => Results.Ok());
        });
}
