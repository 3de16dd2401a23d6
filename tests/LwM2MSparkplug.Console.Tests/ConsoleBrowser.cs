using Microsoft.Playwright;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Console.Tests;

/// <summary>
/// Debian's chromium, headless, driven by Playwright through <see cref="BrowserTypeLaunchOptions.ExecutablePath"/>:
/// no browser is downloaded. Started by the first test that asks for a page, so a machine without chromium skips
/// (or, under CI, fails) with the reason, like the other external tools.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    // Chromium's own background traffic (updates, sync, first-run pages) has nowhere to go on an offline machine.
    static readonly string[] Arguments = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    IPlaywright? _playwright;
    IBrowser? _browser;

    /// <summary>A new page in a fresh browser context, with <paramref name="baseAddress"/> as its base URL; <paramref name="errors"/> collects the page's uncaught script errors.</summary>
    public async Task<IPage> OpenAsync(Uri baseAddress, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var executable = RequiredTool.Find("chromium", "Debian: apt-get install chromium");
        _playwright ??= await Playwright.CreateAsync();
        _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = Arguments });
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        page.Console += (_, message) =>
        {
            // A failed request is the page's business (it shows the problem); a script error is a defect.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (errors) { errors.Add($"{message.Text} ({message.Location})"); }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                TestContext.Current.SendDiagnosticMessage($"{response.Request.Method} {response.Url} answered {response.Status}");
            }
        };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
