using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Standalone;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Interop.Tests;

/// <summary>
/// A device of OMA's own LwM2M 1.2 MQTT binding (<c>lwm2m/rd/{ep}</c>, CBOR envelope), played by
/// tests/interop/oma-device.js on the npm packages mqtt and cbor-x, connected to the standalone broker and managed
/// through our LwM2M server's REST API. The device was written from the binding note alone, apart from the server's
/// code: passing shows the two readings agree, not certified interoperability.
/// </summary>
public sealed class OmaDeviceAgainstOurServerTests : IAsyncLifetime
{
    const string Endpoint = "oma-interop-device";
    readonly TemporaryDirectory _directory = new();
    StandaloneApplication _stack = null!;
    HttpClient _server = null!;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        TahuInterop.RequireNode("mqtt", "cbor-x");
        _stack = await StandaloneApplication.StartAsync(null, new Dictionary<string, string?>
        {
            ["Broker:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Broker:TlsPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Broker:CertificateDirectory"] = _directory.Path,
            ["Standalone:Lwm2mServerPort"] = "0",
            ["Standalone:SparkplugHostPort"] = "0",
            ["Standalone:SimulatorPort"] = "0",
            ["Standalone:BridgePort"] = "0",
            ["Standalone:SummaryIntervalSeconds"] = "0",
            ["Simulator:DeviceCount"] = "0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }, Cancel);
        _server = new HttpClient { BaseAddress = _stack.Lwm2mServerUrl };
    }

    public async ValueTask DisposeAsync()
    {
        _server?.Dispose();
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
        _directory.Dispose();
    }

    [Fact]
    public async Task OmaDevice_Registers_IsReadWrittenExecutedAndObserved_Sends_AndDeregistersWhenStopped()
    {
        var cursor = await LastSequenceAsync();
        using var device = TahuInterop.Start("oma-device.js", $"mqtt://localhost:{_stack.Broker.Port}", Endpoint, "--notify-ms", "200");
        var errors = new List<string>();
        device.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.Add(e.Data);
                }
            }
        };
        device.BeginErrorReadLine();
        var output = new ProcessOutput(device);
        try
        {
            await output.WaitForAsync(line => line == "registered", "the OMA device gets 201 for its Register");

            // Listed as registered, with the dialect it spoke and what it put in its Register.
            var devices = await Eventually.ValueAsync(() => GetJsonAsync("/api/devices"),
                list => list.ValueKind == JsonValueKind.Array && list.EnumerateArray().Any(IsOurs), "the OMA device is listed");
            var registration = devices.EnumerateArray().Single(IsOurs);
            Assert.Equal("oma", registration.GetProperty("dialect").GetString());
            Assert.Equal("1.2", registration.GetProperty("version").GetString());
            Assert.Equal("M", registration.GetProperty("binding_mode").GetString());
            Assert.Equal(3600, registration.GetProperty("lifetime_seconds").GetInt32());
            Assert.Contains("</3303/0>", registration.GetProperty("object_links").GetString(), StringComparison.Ordinal);

            // The Send it makes right after registering: /3303/0/5700 and 5701 in SenML CBOR, acknowledged 2.04.
            await output.WaitForAsync(line => line == "sent 204", "the server answers the device's Send with 204");
            var send = await EventAsync(cursor, e => Type(e) == "send", "the device's Send is in the event log");
            var sent = send.GetProperty("data").GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("path").GetString()!, v => v.GetProperty("value"));
            Assert.InRange(sent["/3303/0/5700"].GetDouble(), 21, 31);
            Assert.Equal("Cel", sent["/3303/0/5701"].GetString());

            // Read: a resource, and an instance (SenML CBOR named under a base name).
            var units = await ReadAsync("/3303/0/5701");
            Assert.Equal("Cel", Assert.Single(units.GetProperty("values").EnumerateArray()).GetProperty("value").GetString());
            var temperature = Assert.Single((await ReadAsync("/3303/0/5700")).GetProperty("values").EnumerateArray());
            Assert.Equal("float", temperature.GetProperty("type").GetString());
            Assert.InRange(temperature.GetProperty("value").GetDouble(), 21, 31);
            var instance = await ReadAsync("/3303/0");
            Assert.Equal(["/3303/0/5700", "/3303/0/5701", "/3303/0/5750"], instance.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("path").GetString()));
            var manufacturer = await ReadAsync("/3/0/0");
            Assert.Equal("LwM2MSparkplug interop", manufacturer.GetProperty("values")[0].GetProperty("value").GetString());
            var absent = await _server.GetAsync($"/api/devices/{Endpoint}/3303/1/5700", Cancel);
            Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);

            // Write, in the server's own choice of format and as text, then Read it back.
            await WriteAsync("/3303/0/5750", "cellar", format: null);
            await output.WaitForAsync(line => line == "written /3303/0/5750 \"cellar\"", "the device takes the written application type");
            Assert.Equal("cellar", (await ReadAsync("/3303/0/5750")).GetProperty("values")[0].GetProperty("value").GetString());
            await WriteAsync("/3303/0/5750", "attic", format: "text");
            Assert.Equal("attic", (await ReadAsync("/3303/0/5750")).GetProperty("values")[0].GetProperty("value").GetString());

            // A new lifetime: the device announces it with an Update.
            var lifetime = await _server.PutAsJsonAsync($"/api/devices/{Endpoint}/1/0/1", new { value = 120 }, Cancel);
            Assert.Equal(HttpStatusCode.OK, lifetime.StatusCode);
            await Eventually.UntilAsync(async () => (await GetJsonAsync($"/api/devices/{Endpoint}")).GetProperty("lifetime_seconds").GetInt32() == 120,
                "the device's Update carries its new lifetime");

            // Execute.
            var reboot = await _server.PostAsync($"/api/devices/{Endpoint}/3/0/4", null, Cancel);
            Assert.Equal(HttpStatusCode.OK, reboot.StatusCode);
            Assert.Equal("2.04", (await reboot.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
            await output.WaitForAsync(line => line == "executed /3/0/4", "the device receives the Execute");

            // Observe: the first value in the answer, then Notify every 200 ms with a changing temperature; Cancel stops it.
            var observeCursor = await LastSequenceAsync();
            var observe = await _server.PostAsync($"/api/devices/{Endpoint}/3303/0/5700/observe", null, Cancel);
            Assert.Equal(HttpStatusCode.OK, observe.StatusCode);
            var observed = await observe.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal("2.05", observed.GetProperty("code").GetString());
            Assert.InRange(observed.GetProperty("values")[0].GetProperty("value").GetDouble(), 21, 31);
            var observation = observed.GetProperty("observation_id").GetString();
            var notifications = await Eventually.ValueAsync(() => GetJsonAsync($"/api/events?after={observeCursor}"),
                page => page.EnumerateArray().Where(e => IsNotification(e, observation)).Select(NotifiedValue).Distinct().Count() >= 2,
                "notifications with changing temperatures reach the event log");
            Assert.All(notifications.EnumerateArray().Where(e => IsNotification(e, observation)),
                e => Assert.Equal("/3303/0/5700", e.GetProperty("data").GetProperty("values")[0].GetProperty("path").GetString()));
            var cancel = await _server.DeleteAsync($"/api/devices/{Endpoint}/3303/0/5700/observe", Cancel);
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            await output.WaitForAsync(line => line == "cancelled /3303/0/5700", "the device receives the Cancel-Observe");

            // Stopped (stdin closed: it de-registers, then exits), the device is no longer registered.
            var stopCursor = await LastSequenceAsync();
            device.StandardInput.Close();
            await output.WaitForAsync(line => line == "deregistered 202", "the server answers the De-register with 202");
            await Eventually.UntilAsync(() => device.HasExited, "the device exits after de-registering");
            Assert.Equal(0, device.ExitCode);
            await EventAsync(stopCursor, e => Type(e) == "deregistration", "the de-registration is in the event log");
            Assert.Equal(HttpStatusCode.NotFound, (await _server.GetAsync($"/api/devices/{Endpoint}", Cancel)).StatusCode);
        }
        finally
        {
            if (!device.HasExited)
            {
                device.Kill(entireProcessTree: true);
            }
            lock (errors)
            {
                foreach (var line in output.Lines.Select(l => "stdout: " + l).Concat(errors.Select(l => "stderr: " + l)))
                {
                    TestContext.Current.TestOutputHelper?.WriteLine(line);
                }
            }
        }
    }

    static bool IsOurs(JsonElement device) => device.GetProperty("endpoint").GetString() == Endpoint;

    static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    static bool IsNotification(JsonElement e, string? observation) =>
        Type(e) == "notification" && e.GetProperty("data").GetProperty("observation_id").GetString() == observation;

    static double NotifiedValue(JsonElement e) => e.GetProperty("data").GetProperty("values")[0].GetProperty("value").GetDouble();

    async Task<JsonElement> ReadAsync(string path)
    {
        var response = await _server.GetAsync($"/api/devices/{Endpoint}{path}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("2.05", read.GetProperty("code").GetString());
        return read;
    }

    async Task WriteAsync(string path, string value, string? format)
    {
        var response = await _server.PutAsJsonAsync($"/api/devices/{Endpoint}{path}{(format is null ? "" : "?format=" + format)}", new { value }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2.04", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }

    /// <summary>The first event of this device after <paramref name="cursor"/> that <paramref name="match"/> accepts, polled for.</summary>
    async Task<JsonElement> EventAsync(long cursor, Func<JsonElement, bool> match, string because)
    {
        var page = await Eventually.ValueAsync(() => GetJsonAsync($"/api/events?after={cursor}"),
            events => events.ValueKind == JsonValueKind.Array && events.EnumerateArray().Any(e => e.GetProperty("endpoint").GetString() == Endpoint && match(e)), because);
        return page.EnumerateArray().First(e => e.GetProperty("endpoint").GetString() == Endpoint && match(e));
    }

    async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _server.GetAsync(path, Cancel);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).Clone() : default;
    }

    async Task<long> LastSequenceAsync()
    {
        using var response = await _server.GetAsync("/api/events?after=0&limit=1", Cancel);
        return long.Parse(response.Headers.GetValues("X-Last-Sequence").Single(), CultureInfo.InvariantCulture);
    }
}
