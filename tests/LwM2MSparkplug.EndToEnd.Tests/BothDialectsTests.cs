using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.EndToEnd.Tests;

/// <summary>The standalone stack with <c>LWM2M_DIALECT=mixed</c>: device 1 speaks the JSON contract, device 2 OMA's MQTT binding.</summary>
public sealed class MixedDialectsStack : IAsyncLifetime
{
    public StandaloneFixture Stack { get; } = new() { ExtraSettings = new Dictionary<string, string?> { ["Simulator:Lwm2mDialect"] = "mixed" } };

    public ValueTask InitializeAsync() => Stack.InitializeAsync();

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}

/// <summary>
/// A JSON-contract device and an OMA-binding device registered side by side on one server, each answering every
/// device-management operation through the same REST API.
/// </summary>
public sealed class BothDialectsTests(MixedDialectsStack mixed) : IClassFixture<MixedDialectsStack>
{
    StandaloneFixture Stack => mixed.Stack;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, "json")]
    [InlineData(2, "oma")]
    public async Task EachDialect_AnswersEveryOperation_ThroughTheSameRestApi(int index, string dialect)
    {
        var device = Stack.DeviceIds[index - 1];
        var api = $"/api/devices/{device}";
        var registered = await Eventually.ValueAsync(async () => await Stack.Lwm2mServer.GetAsync(api, Cancel),
            response => response.IsSuccessStatusCode, $"{device} is registered");
        Assert.Equal(dialect, (await registered.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("dialect").GetString());

        // Read: a resource, as text, an instance, several paths.
        Assert.InRange((await GetAsync($"{api}/3/0/9")).GetProperty("values")[0].GetProperty("value").GetInt32(), 0, 100);
        Assert.Equal("IoT Testing Corp", (await GetAsync($"{api}/3/0/0?format=text")).GetProperty("values")[0].GetProperty("value").GetString());
        Assert.Contains((await GetAsync($"{api}/3303/0")).GetProperty("values").EnumerateArray(), v => v.GetProperty("path").GetString() == "/3303/0/5700");
        Assert.Equal(["/3/0/9", "/3303/0/5700"], (await GetAsync($"{api}/composite?paths=/3/0/9,/3303/0/5700")).GetProperty("values").EnumerateArray().Select(v => v.GetProperty("path").GetString()));

        // Discover.
        Assert.Contains("</3303/0/5700>", (await GetAsync($"{api}/3303/0/discover")).GetProperty("links").GetString(), StringComparison.Ordinal);

        // Write, in the dialect's default format and as text; Write-Composite.
        await ChangedAsync(await Stack.Lwm2mServer.PutAsJsonAsync($"{api}/3303/0/5750", new { value = "cellar" }, Cancel), "2.04");
        Assert.Equal("cellar", (await GetAsync($"{api}/3303/0/5750")).GetProperty("values")[0].GetProperty("value").GetString());
        await ChangedAsync(await Stack.Lwm2mServer.PutAsJsonAsync($"{api}/3303/0/5750?format=text", new { value = "attic" }, Cancel), "2.04");
        await ChangedAsync(await Stack.Lwm2mServer.PutAsJsonAsync($"{api}/composite", new Dictionary<string, object> { ["/3303/0/5750"] = "garage" }, Cancel), "2.04");
        Assert.Equal("garage", (await GetAsync($"{api}/3303/0/5750")).GetProperty("values")[0].GetProperty("value").GetString());

        // Execute (Reset Min and Max Measured Values).
        await ChangedAsync(await Stack.Lwm2mServer.PostAsync($"{api}/3303/0/5605", null, Cancel), "2.04");

        // Write-Attributes, then Observe: notifications arrive at least every pmax; Cancel ends them.
        await ChangedAsync(await Stack.Lwm2mServer.PutAsJsonAsync($"{api}/3303/0/5700/attributes", new { pmin = 0, pmax = 1 }, Cancel), "2.04");
        var cursor = await LastSequenceAsync();
        var observed = await Stack.Lwm2mServer.PostAsync($"{api}/3303/0/5700/observe", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, observed.StatusCode);
        var observation = (await observed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("observation_id").GetString();
        await Eventually.ValueAsync(() => Stack.GetJsonAsync(Stack.Lwm2mServer, $"/api/events?after={cursor}"),
            page => page.EnumerateArray().Count(e => IsNotification(e, device, observation)) >= 2, $"{dialect}: notifications of the observation reach the event log");
        Assert.Equal(HttpStatusCode.OK, (await Stack.Lwm2mServer.DeleteAsync($"{api}/3303/0/5700/observe", Cancel)).StatusCode);

        // Observe-Composite, and its cancellation.
        var composite = await Stack.Lwm2mServer.PostAsync($"{api}/composite/observe?paths=/3/0/9,/3303/0/5700", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, composite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Stack.Lwm2mServer.DeleteAsync($"{api}/composite/observe?paths=/3/0/9,/3303/0/5700", Cancel)).StatusCode);
        Assert.Empty(await Stack.Lwm2mServer.GetFromJsonAsync<JsonElement[]>($"{api}/observations", Cancel) ?? []);

        // Create and Delete an instance.
        var created = await Stack.Lwm2mServer.PostAsJsonAsync($"{api}/3303", new { instance_id = 7, resources = new Dictionary<string, object> { ["5750"] = "freezer" } }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/3303/7", (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("location").GetString());
        Assert.Equal("freezer", (await GetAsync($"{api}/3303/7/5750")).GetProperty("values")[0].GetProperty("value").GetString());
        await ChangedAsync(await Stack.Lwm2mServer.DeleteAsync($"{api}/3303/7", Cancel), "2.02");
        Assert.Equal(HttpStatusCode.NotFound, (await Stack.Lwm2mServer.GetAsync($"{api}/3303/7/5750", Cancel)).StatusCode);
    }

    [Fact]
    public async Task TheSimulatedOmaDevice_SendsAndUpdates_IntoTheSameEventLog()
    {
        var device = Stack.DeviceIds[1];
        var registered = await Eventually.ValueAsync(() => Stack.GetJsonAsync(Stack.Lwm2mServer, "/api/devices"),
            page => page.EnumerateArray().Any(d => d.GetProperty("endpoint").GetString() == device), $"{device} is registered");
        Assert.Equal("oma", registered.EnumerateArray().Single(d => d.GetProperty("endpoint").GetString() == device).GetProperty("dialect").GetString());
        var cursor = await LastSequenceAsync();

        // A new lifetime makes the device send an Update; its periodic Send goes on meanwhile.
        await ChangedAsync(await Stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/1/0/1", new { value = 240 }, Cancel), "2.04");

        await Eventually.ValueAsync(() => Stack.GetJsonAsync(Stack.Lwm2mServer, $"/api/events?after={cursor}"),
            page => page.EnumerateArray().Any(e => Is(e, device, "send")) && page.EnumerateArray().Any(e => Is(e, device, "update")),
            "the OMA device's Send and Update are recorded");
    }

    async Task<JsonElement> GetAsync(string path)
    {
        var response = await Stack.Lwm2mServer.GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    static async Task ChangedAsync(HttpResponseMessage response, string code)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    async Task<long> LastSequenceAsync()
    {
        var response = await Stack.Lwm2mServer.GetAsync("/api/events?after=0&limit=1", Cancel);
        return long.Parse(response.Headers.GetValues("X-Last-Sequence").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    static bool Is(JsonElement e, string device, string type) =>
        e.GetProperty("type").GetString() == type && e.GetProperty("endpoint").GetString() == device;

    static bool IsNotification(JsonElement e, string device, string? observation) =>
        Is(e, device, "notification") && e.GetProperty("data").GetProperty("observation_id").GetString() == observation;
}
