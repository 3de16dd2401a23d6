using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LwM2MSparkplug.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Api;

public sealed partial class ApiReferenceTests
{
    [Fact]
    public async Task EveryService_ServesItsOpenApiDocument_TitledAfterIt()
    {
        await using var service = await StartAsync();

        var document = JsonDocument.Parse(await service.Http.GetStringAsync("openapi/v1.json", Ct)).RootElement;

        Assert.Equal("reference-test API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/things/{id}", out _));
    }

    [Fact]
    public async Task ReferencePage_LoadsEverythingFromTheServiceItself()
    {
        await using var service = await StartAsync();

        using var page = await service.Http.GetAsync("scalar", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>reference-test API</title>", html, StringComparison.Ordinal);
        // The stack runs offline: no script, style or font from another origin, and no default fonts from a CDN.
        var sources = SourceAttribute().Matches(html).Select(match => match.Groups["url"].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.False(Uri.TryCreate(source, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal), $"{source} is loaded from elsewhere"));
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        foreach (var script in sources)
        {
            using var asset = await service.Http.GetAsync(new Uri(page.RequestMessage!.RequestUri!, script), Ct);
            Assert.True(asset.IsSuccessStatusCode, $"{script}: {(int)asset.StatusCode}");
        }
    }

    [Fact]
    public async Task ReferencePage_AndDocument_NeedNoKey_EvenWhenReadsAreProtected()
    {
        await using var service = await StartAsync(new Dictionary<string, string?> { ["Api:Key"] = "a-long-enough-test-key", ["Api:ProtectReads"] = "true" });

        Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("scalar", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("openapi/v1.json", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Http.GetAsync("api/things/1", Ct)).StatusCode);
    }

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]+)\"")]
    private static partial Regex SourceAttribute();

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Task<TestService> StartAsync(Dictionary<string, string?>? configuration = null) =>
        TestService.StartAsync("reference-test", configuration ?? [], _ => { }, app => app.MapGet("/api/things/{id}", () => Results.Ok()));
}
