using System.Net;
using System.Text.RegularExpressions;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

/// <summary>The web console's files: served at / from the assembly, each with its type, nothing fetched from elsewhere.</summary>
public sealed partial class ConsoleApiTests(Lwm2mServerFixture server) : IClassFixture<Lwm2mServerFixture>
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePage_IsServedAtTheRoot_WithAPolicyThatAllowsThisServerOnly()
    {
        var page = await server.Http.GetAsync("/", Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryFileThePageNames_IsServedWithItsType_AndNoFileReachesOutsideTheServer()
    {
        var html = await server.Http.GetStringAsync("/", Cancel);
        var assets = LocalAsset().Matches(html).Select(m => m.Groups["path"].Value).ToList();
        Assert.Contains("/console/console.js", assets);
        Assert.Contains("/console/console.css", assets);

        foreach (var asset in assets)
        {
            var response = await server.Http.GetAsync(asset, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotMatch(ExternalUrl(), await response.Content.ReadAsStringAsync(Cancel));
        }
        Assert.DoesNotMatch(ExternalUrl(), html);
    }

    [Fact]
    public async Task AFileTheConsoleDoesNotHave_IsAProblem404()
    {
        var missing = await server.Http.GetAsync("/console/missing.js", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("""(?:src|href)="(?<path>/console/[^"]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex LocalAsset();

    [GeneratedRegex(@"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
