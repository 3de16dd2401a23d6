using LwM2MSparkplug.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LwM2MSparkplug.Console.Tests;

/// <summary>
/// The console against a server with <c>API_KEY</c> set: pages read without it; the first changing operation asks
/// for the key once, and the operation then succeeds with it.
/// </summary>
public sealed class ConsoleWithApiKeyTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    const string Key = "console-test-key";

    readonly StandaloneFixture _stack = new() { ExtraSettings = new Dictionary<string, string?> { ["Api:Key"] = Key } };
    readonly List<string> _errors = [];
    IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        await _stack.InitializeAsync();
        _page = await browser.OpenAsync(_stack.Application.Lwm2mServerUrl, _errors);
    }

    [Fact]
    public async Task FirstChange_AsksForTheKeyOnce_ThenSucceeds_WhileReadingNeedsNone()
    {
        var prompts = 0;
        _page.Dialog += async (_, dialog) =>
        {
            Interlocked.Increment(ref prompts);
            Assert.Equal(DialogType.Prompt, dialog.Type);
            Assert.Contains("API_KEY", dialog.Message, StringComparison.Ordinal);
            await dialog.AcceptAsync(Key);
        };
        await _page.GotoAsync($"/#/devices/{_stack.DeviceIds[0]}");
        var setpoint = _page.Locator("#sparkplug-metrics tr[data-metric='setpoint']");
        await Expect(setpoint.Locator("td.value")).Not.ToBeEmptyAsync(new() { Timeout = 30_000 });

        await setpoint.Locator("input").FillAsync("42.5");
        await setpoint.Locator("button").ClickAsync();
        await Expect(setpoint.Locator("td.value")).ToHaveTextAsync("42.5", new() { Timeout = 30_000 });

        await setpoint.Locator("input").FillAsync("43.5");
        await setpoint.Locator("button").ClickAsync();
        await Expect(setpoint.Locator("td.value")).ToHaveTextAsync("43.5", new() { Timeout = 30_000 });
        Assert.Equal(1, prompts);
    }

    public async ValueTask DisposeAsync()
    {
        await _page.Context.CloseAsync();
        await _stack.DisposeAsync();
        Assert.True(_errors.Count == 0, "script errors in the console:\n" + string.Join("\n", _errors));
    }
}
