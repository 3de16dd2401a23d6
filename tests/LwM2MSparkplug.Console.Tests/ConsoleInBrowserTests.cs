using System.Globalization;
using System.Text.RegularExpressions;
using LwM2MSparkplug.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LwM2MSparkplug.Console.Tests;

/// <summary>
/// The web console in a real browser against the standalone stack (three simulated devices over TLS): what a user
/// sees and does, page by page. Every test also fails on an uncaught script error.
/// </summary>
public sealed partial class ConsoleInBrowserTests(StandaloneFixture stack, ConsoleBrowser browser) : IClassFixture<StandaloneFixture>, IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    // Generous: the stack starts its devices while the first page loads, on a busy machine.
    static readonly LocatorAssertionsToContainTextOptions Within = new() { Timeout = 30_000 };

    readonly List<string> _errors = [];
    IPage _page = null!;

    public async ValueTask InitializeAsync() => _page = await browser.OpenAsync(stack.Application.Lwm2mServerUrl, _errors);

    public async ValueTask DisposeAsync()
    {
        await _page.Context.CloseAsync();
        Assert.True(_errors.Count == 0, "script errors in the console:\n" + string.Join("\n", _errors));
    }

    [Fact]
    public async Task FleetPage_ListsEverySimulatedDevice_RegisteredOnLwm2m_AndOnlineOnSparkplug()
    {
        await _page.GotoAsync("/");

        foreach (var id in stack.DeviceIds)
        {
            var row = _page.Locator($"#fleet tr[data-endpoint='{id}']");
            await Expect(row).ToContainTextAsync("registered", Within);
            await Expect(row).ToContainTextAsync("online", Within);
        }
        await Screenshots.SaveAsync(_page, "fleet");
    }

    [Fact]
    public async Task DevicePage_ReadOfTheBatteryLevel_ShowsItsValue()
    {
        var device = stack.DeviceIds[0];
        await _page.GotoAsync("/");
        await _page.Locator($"#fleet tr[data-endpoint='{device}'] a").ClickAsync();
        await Expect(_page.Locator("h2.device-title")).ToHaveTextAsync(device);

        await _page.Locator("#operation-form input[name=path]").FillAsync("/3/0/9");
        await _page.Locator("#operation-form select[name=operation]").SelectOptionAsync("read");
        await _page.Locator("#operation-form button[type=submit]").ClickAsync();

        var result = _page.Locator("#operation-result");
        await Expect(result).ToContainTextAsync("device answered 2.05", Within);
        var battery = await result.Locator("td.value").First.TextContentAsync();
        Assert.True(int.TryParse(battery, NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100, $"battery level '{battery}'");
        await Expect(_page.Locator("#sparkplug-metrics tr[data-metric='setpoint']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        // The top of the page: registration, Sparkplug node, the answer; the object tree goes on below.
        await Screenshots.SaveAsync(_page, "device", fullPage: false);
    }

    [Fact]
    public async Task SparkplugPanel_WriteOfTheSetpoint_ChangesTheValueShown()
    {
        await _page.GotoAsync($"/#/devices/{stack.DeviceIds[1]}");
        var setpoint = _page.Locator("#sparkplug-metrics tr[data-metric='setpoint']");
        await Expect(setpoint.Locator("td.value")).ToHaveTextAsync(DecimalNumber(), new() { Timeout = 30_000 });
        Assert.NotEqual("37.5", await setpoint.Locator("td.value").TextContentAsync());

        await setpoint.Locator("input").FillAsync("37.5");
        await setpoint.Locator("button").ClickAsync();

        await Expect(_page.Locator("#operation-result")).ToContainTextAsync("accepted", Within);
        await Expect(setpoint.Locator("td.value")).ToHaveTextAsync("37.5", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Observe_ShowsNotificationsArriving()
    {
        await _page.GotoAsync($"/#/devices/{stack.DeviceIds[2]}");
        await _page.Locator("#operation-form input[name=path]").FillAsync("/3303/0/5700");
        await _page.Locator("#operation-form select[name=operation]").SelectOptionAsync("observe");
        await _page.Locator("#operation-form button[type=submit]").ClickAsync();
        await Expect(_page.Locator("#operation-result")).ToContainTextAsync("device answered 2.05", Within);

        var notifications = _page.Locator("#notifications li");
        await Expect(notifications.Nth(1)).ToContainTextAsync("/3303/0/5700", Within);
        await Expect(_page.Locator("#observations")).ToContainTextAsync("/3303/0/5700", Within);

        await _page.Locator("#observations button", new() { HasText = "Cancel" }).First.ClickAsync();
        await Expect(_page.Locator("#observations")).ToContainTextAsync("No observations.", Within);
    }

    [Fact]
    public async Task Reboot_TheDeviceGoesOfflineAndComesBack_WithoutAReload()
    {
        var device = stack.DeviceIds[0];
        await _page.GotoAsync($"/#/devices/{device}");
        var bdSeq = _page.Locator("#bd-seq");
        await Expect(bdSeq).ToHaveTextAsync(new Regex("^[0-9]+$"), new() { Timeout = 30_000 });
        var before = await bdSeq.TextContentAsync();
        await _page.EvaluateAsync("() => { window.notReloaded = true; }");

        await _page.Locator("#operation-form input[name=path]").FillAsync("/3/0/4");
        await _page.Locator("#operation-form select[name=operation]").SelectOptionAsync("execute");
        await _page.Locator("#operation-form button[type=submit]").ClickAsync();
        await Expect(_page.Locator("#operation-result")).ToContainTextAsync("device answered 2.04", Within);

        // A new MQTT session: a new bdSeq, a new registration, both seen live on the page.
        await Expect(bdSeq).Not.ToHaveTextAsync(before!, new() { Timeout = 30_000 });
        await Expect(_page.Locator("#recent-events")).ToContainTextAsync("registration", Within);
        await Expect(_page.Locator("#sparkplug-state")).ToHaveTextAsync("online", new() { Timeout = 30_000 });
        await Expect(_page.Locator("#lwm2m-state")).ToHaveTextAsync("registered", new() { Timeout = 30_000 });
        Assert.True(await _page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
    }

    [Fact]
    public async Task Overview_ChartsBothProtocols_AndListsTheLatestEvents()
    {
        await _page.GotoAsync("/#/overview");

        await Expect(_page.Locator("svg.chart polyline.lwm2m").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(_page.Locator("svg.chart polyline.sparkplug").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(_page.Locator("#bridge dt:text-is('Kafka reachable') + dd")).ToHaveTextAsync("yes", new() { Timeout = 30_000 });
        await Expect(_page.Locator("#overview")).ToContainTextAsync("Latest events", Within);
        await Expect(_page.Locator("#overview")).ToContainTextAsync(stack.DeviceIdPrefix, Within);
        await Screenshots.SaveAsync(_page, "overview");
    }

    [Fact]
    public async Task FleetStream_Broken_ShowsABanner_AndReconnects()
    {
        // The page's WebSocket goes through the test: while "down", every connection is closed at once.
        var down = false;
        var connections = 0;
        IWebSocketRoute? current = null;
        await _page.RouteWebSocketAsync(new Regex("/ws/fleet"), async socket =>
        {
            if (Volatile.Read(ref down))
            {
                await socket.CloseAsync(new() { Code = 1011, Reason = "the test broke the connection" });
                return;
            }
            Interlocked.Increment(ref connections);
            current = socket;
            socket.ConnectToServer();
        });
        await _page.GotoAsync("/");
        var row = _page.Locator($"#fleet tr[data-endpoint='{stack.DeviceIds[0]}']");
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        Volatile.Write(ref down, true);
        await current!.CloseAsync(new() { Code = 1011, Reason = "the test broke the connection" });
        await Expect(_page.Locator("#banner")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(_page.Locator("#banner")).ToContainTextAsync("connection to the server");

        Volatile.Write(ref down, false);
        await Expect(_page.Locator("#banner")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        Assert.True(Volatile.Read(ref connections) >= 2, $"{connections} connections: the page did not reconnect");
        await Expect(row).ToContainTextAsync("registered", Within);
    }

    [Fact]
    public async Task OverviewPolls_WhileOffline_ShowABanner_UntilTheServerAnswersAgain()
    {
        await _page.GotoAsync("/#/overview");
        await Expect(_page.Locator("#overview")).ToContainTextAsync("Latest events", Within);

        await _page.Context.SetOfflineAsync(true);
        await Expect(_page.Locator("#banner")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(_page.Locator("#banner")).ToContainTextAsync("connection to the server");

        await _page.Context.SetOfflineAsync(false);
        await Expect(_page.Locator("#banner")).ToBeHiddenAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public void Banner_OfTheStandaloneProcess_NamesTheConsoleFirst()
    {
        var lines = stack.Application.Describe().Split(Environment.NewLine);

        Assert.StartsWith("  Console", lines[1], StringComparison.Ordinal);
        Assert.Contains(stack.Application.Lwm2mServerUrl.ToString(), lines[1], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex DecimalNumber();
}
