using LwM2MSparkplug.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LwM2MSparkplug.Console.Tests;

/// <summary>
/// The API reference page of each REST service (<c>/scalar/</c>, over the service's OpenAPI document) in a real
/// browser: it shows the service's operations and asks nothing of another origin, since the stack runs offline.
/// </summary>
public sealed class ApiReferenceInBrowserTests(StandaloneFixture stack, ConsoleBrowser browser) : IClassFixture<StandaloneFixture>, IClassFixture<ConsoleBrowser>
{
    static readonly LocatorAssertionsToBeVisibleOptions Within = new() { Timeout = 30_000 };

    public static TheoryData<string, string> Services() => new()
    {
        { "lwm2m-server", "/api/objectspecs" },
        { "sparkplug-host", "/api/nodes/{groupId}/{edgeNodeId}/rebirth" },
        { "device-simulator", "/api/devices/{deviceId}" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task ReferencePage_ShowsTheServicesOperations_AndLoadsNothingFromElsewhere(string service, string path)
    {
        var url = service switch
        {
            "lwm2m-server" => stack.Application.Lwm2mServerUrl,
            "sparkplug-host" => stack.Application.SparkplugHostUrl,
            _ => stack.Application.SimulatorUrl,
        };
        var errors = new List<string>();
        var page = await browser.OpenAsync(url, errors);
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url) is { Scheme: "http" or "https" } requested && requested.Authority != url.Authority)
            {
                lock (elsewhere) { elsewhere.Add(request.Url); }
            }
        };
        try
        {
            await page.GotoAsync("/scalar/");

            await Expect(page).ToHaveTitleAsync($"{service} API");
            await Expect(page.GetByText(path, new() { Exact = true }).Filter(new() { Visible = true }).First).ToBeVisibleAsync(Within);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.True(elsewhere.Count == 0, "requests to other origins:\n" + string.Join("\n", elsewhere));
            Assert.True(errors.Count == 0, "script errors:\n" + string.Join("\n", errors));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
