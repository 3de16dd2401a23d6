using Microsoft.Playwright;

namespace LwM2MSparkplug.Console.Tests;

/// <summary>
/// Screenshots of the console as test output: files under <c>console-screenshots/</c> beside the test assembly (or
/// <c>CONSOLE_SCREENSHOTS</c>, a folder), and attachments of the test's result.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    public static async Task SaveAsync(IPage page, string name, bool fullPage = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        TestContext.Current.AddAttachment(name + ".png", bytes, "image/png");
        TestContext.Current.SendDiagnosticMessage($"Screenshot of the {name} page: {path}");
    }
}
