using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.EndToEnd.Tests;

/// <summary>LwM2M device management from the REST API down to simulated devices over MQTT, and back.</summary>
public sealed class DeviceManagementTests(StandaloneFixture stack) : IClassFixture<StandaloneFixture>
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_BatteryLevel_ComesFromTheDevice_NamedAndTyped()
    {
        var device = await RegisteredDeviceAsync(1);

        var read = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>($"/api/devices/{device}/3/0/9", Cancel);

        Assert.Equal("2.05", read.GetProperty("code").GetString());
        var value = Assert.Single(read.GetProperty("values").EnumerateArray());
        Assert.Equal("/3/0/9", value.GetProperty("path").GetString());
        Assert.Equal("Battery Level", value.GetProperty("name").GetString());
        Assert.Equal("integer", value.GetProperty("type").GetString());
        // The registry gives Battery Level's units as "/100".
        Assert.Equal("/100", value.GetProperty("units").GetString());
        Assert.InRange(value.GetProperty("value").GetInt32(), 0, 100);
    }

    [Fact]
    public async Task Read_AsText_And_Instance_And_Composite()
    {
        var device = await RegisteredDeviceAsync(1);

        var text = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>($"/api/devices/{device}/3/0/0?format=text", Cancel);
        Assert.Equal("IoT Testing Corp", text.GetProperty("values")[0].GetProperty("value").GetString());

        var instance = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>($"/api/devices/{device}/3303/0", Cancel);
        Assert.Contains(instance.GetProperty("values").EnumerateArray(), v => v.GetProperty("path").GetString() == "/3303/0/5700");

        var composite = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>($"/api/devices/{device}/composite?paths=/3/0/9,/3303/0/5700", Cancel);
        Assert.Equal(["/3/0/9", "/3303/0/5700"], composite.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task Write_Lifetime_IsAppliedAndRegisteredWithAnUpdate()
    {
        var device = await RegisteredDeviceAsync(2);

        var write = await stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/1/0/1", new { value = 120 }, Cancel);

        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal("2.04", (await write.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        await Eventually.UntilAsync(async () => (await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/devices/{device}")).GetProperty("lifetime_seconds").GetInt32() == 120,
            "the device sends an Update with its new lifetime");
        var read = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>($"/api/devices/{device}/1/0/1", Cancel);
        Assert.Equal(120, read.GetProperty("values")[0].GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task FormatParameter_ChoosesTheContentFormat_OfWriteAndObserve()
    {
        var device = await RegisteredDeviceAsync(2);

        var asText = await stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/1/0/1?format=text", new { value = 150 }, Cancel);
        var observed = await stack.Lwm2mServer.PostAsync($"/api/devices/{device}/3303/0/5700/observe?format=text", null, Cancel);

        Assert.Equal("2.04", (await asText.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        var observation = await observed.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(HttpStatusCode.OK, observed.StatusCode);
        Assert.Equal("float", observation.GetProperty("values")[0].GetProperty("type").GetString());
        await AssertProblemAsync(await stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/1/0/1?format=opaque", new { value = 150 }, Cancel), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/1/0/1?format=xml", new { value = 150 }, Cancel), HttpStatusCode.BadRequest);
        // Plain CBOR carries one value: an instance cannot be read in it.
        await AssertProblemAsync(await stack.Lwm2mServer.GetAsync($"/api/devices/{device}/3/0?format=cbor", Cancel), HttpStatusCode.NotAcceptable, "4.06");
        // TLV is LwM2M 1.0's: not offered to a device that registered as 1.2.
        await AssertProblemAsync(await stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/1/0/1?format=tlv", new { value = 150 }, Cancel), HttpStatusCode.BadRequest);
        foreach (var binary in new[] { "cbor", "senml+cbor", "lwm2m+cbor" })
        {
            var written = await stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/1/0/1?format={binary}", new { value = 150 }, Cancel);
            var body = await written.Content.ReadAsStringAsync(Cancel);
            Assert.True(written.IsSuccessStatusCode, $"{binary}: {body}");
            Assert.Contains("\"code\":\"2.04\"", body, StringComparison.Ordinal);
        }
        await Eventually.UntilAsync(async () => (await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/devices/{device}")).GetProperty("lifetime_seconds").GetInt32() == 150,
            "the text Write reached the device, which updates its registration");
    }

    [Fact]
    public async Task Errors_MapToProblemDetails()
    {
        var device = await RegisteredDeviceAsync(1);

        await AssertProblemAsync(await stack.Lwm2mServer.GetAsync("/api/devices/nobody/3/0/9", Cancel), HttpStatusCode.NotFound);
        await AssertProblemAsync(await stack.Lwm2mServer.GetAsync($"/api/devices/{device}/3/0/999", Cancel), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await stack.Lwm2mServer.GetAsync($"/api/devices/{device}/3303/42", Cancel), HttpStatusCode.NotFound, "4.04");
        // Battery Level is read-only in the object model: refused by the server, without asking the device.
        await AssertProblemAsync(await stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/3/0/9", new { value = 5 }, Cancel), HttpStatusCode.MethodNotAllowed);
        await AssertProblemAsync(await stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/1/0/1", new { value = "soon" }, Cancel), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await stack.Lwm2mServer.PostAsync($"/api/devices/{device}/3/0/9", null, Cancel), HttpStatusCode.MethodNotAllowed);
        await AssertProblemAsync(await stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/3303/0/5700/attributes", new { lt = 30, gt = 20 }, Cancel), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Discover_CreateAndDelete_AnInstance()
    {
        var device = await RegisteredDeviceAsync(3);

        var discover = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>($"/api/devices/{device}/3303/0/discover", Cancel);
        Assert.Contains("</3303/0/5700>", discover.GetProperty("links").GetString(), StringComparison.Ordinal);
        // LwM2M 1.2 Discover: a multiple resource with its instances and dim; the object alone with its version.
        var powerSources = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>($"/api/devices/{device}/3/0/6/discover", Cancel);
        Assert.Equal("</3/0/6>;dim=2,</3/0/6/0>,</3/0/6/1>", powerSources.GetProperty("links").GetString());
        var objectOnly = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>($"/api/devices/{device}/3/discover?depth=0", Cancel);
        Assert.Equal("</3>;ver=1.2", objectOnly.GetProperty("links").GetString());
        await AssertProblemAsync(await stack.Lwm2mServer.GetAsync($"/api/devices/{device}/3/discover?depth=7", Cancel), HttpStatusCode.BadRequest);

        var created = await stack.Lwm2mServer.PostAsJsonAsync($"/api/devices/{device}/3303", new { instance_id = 4, resources = new Dictionary<string, object> { ["5750"] = "freezer" } }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/3303/4", (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("location").GetString());
        var application = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>($"/api/devices/{device}/3303/4/5750", Cancel);
        Assert.Equal("freezer", application.GetProperty("values")[0].GetProperty("value").GetString());
        await Eventually.UntilAsync(async () => (await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/devices/{device}")).GetProperty("object_links").GetString()!.Contains("</3303/4>", StringComparison.Ordinal),
            "the device reports its new instance with an Update");

        var deleted = await stack.Lwm2mServer.DeleteAsync($"/api/devices/{device}/3303/4", Cancel);
        Assert.Equal("2.02", (await deleted.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        await AssertProblemAsync(await stack.Lwm2mServer.DeleteAsync($"/api/devices/{device}/3303/0", Cancel), HttpStatusCode.MethodNotAllowed, "4.05");
    }

    [Fact]
    public async Task Observe_WithPminPmax_NotifiesIntoTheEventLog_TheStream_AndTheWebSocket()
    {
        var device = await RegisteredDeviceAsync(3);
        var cursor = await LastSequenceAsync();
        using var stream = await stack.Lwm2mServer.GetStreamAsync($"/api/events/stream?after={cursor}", Cancel);
        using var lines = new StreamReader(stream);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://localhost:{stack.Application.Lwm2mServerUrl.Port}/ws/events?after={cursor}"), Cancel);

        var attributes = await stack.Lwm2mServer.PutAsJsonAsync($"/api/devices/{device}/3303/0/5700/attributes", new { pmin = 0.2, pmax = 0.5 }, Cancel);
        Assert.Equal(HttpStatusCode.OK, attributes.StatusCode);
        var observe = await stack.Lwm2mServer.PostAsync($"/api/devices/{device}/3303/0/5700/observe", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, observe.StatusCode);
        var observation = (await observe.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("observation_id").GetString();

        var notifications = await Eventually.ValueAsync(
            () => stack.GetJsonAsync(stack.Lwm2mServer, $"/api/events?after={cursor}"),
            page => page.EnumerateArray().Count(e => IsNotification(e, observation)) >= 2,
            "notifications arrive at least every pmax");
        var first = notifications.EnumerateArray().First(e => IsNotification(e, observation));
        Assert.Equal("/3303/0/5700", first.GetProperty("data").GetProperty("values")[0].GetProperty("path").GetString());

        Assert.True(await ReadStreamUntilAsync(lines, observation!), "the NDJSON stream carries the notification");
        Assert.True(await ReadWebSocketUntilAsync(socket, observation!), "the WebSocket carries the notification");

        var cancel = await stack.Lwm2mServer.DeleteAsync($"/api/devices/{device}/3303/0/5700/observe", Cancel);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Empty(await stack.Lwm2mServer.GetFromJsonAsync<JsonElement[]>($"/api/devices/{device}/observations", Cancel) ?? []);
    }

    [Fact]
    public async Task Observe_PastMaxObservationsPerDevice_AnswersAProblemNamingTheLimit()
    {
        var device = await RegisteredDeviceAsync(1);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await stack.Lwm2mServer.PostAsync($"/api/devices/{device}/3303/0/5700/observe", null, Cancel)).StatusCode);
        }

        var refused = await stack.Lwm2mServer.PostAsync($"/api/devices/{device}/3303/0/5700/observe", null, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Contains("LWM2M_MAX_OBSERVATIONS_PER_DEVICE", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await stack.Lwm2mServer.GetFromJsonAsync<JsonElement[]>($"/api/devices/{device}/observations", Cancel))!.Length);
        Assert.Equal(HttpStatusCode.OK, (await stack.Lwm2mServer.DeleteAsync($"/api/devices/{device}/3303/0/5700/observe", Cancel)).StatusCode);
        var metrics = await stack.Lwm2mServer.GetStringAsync("/metrics", Cancel);
        Assert.True(PrometheusText.Value(metrics, "lwm2m_limit_refusals_total{limit=\"max_observations_per_device\"}") >= 1);
    }

    [Fact]
    public async Task ExecuteReboot_RestartsTheDevice_ItDiesAndIsBornAgain_AndRegistersAgain()
    {
        var device = await RegisteredDeviceAsync(2);
        var before = await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/devices/{device}");
        var bdSeqBefore = (await stack.GetJsonAsync(stack.SparkplugHost, $"/api/nodes/IIoT/{device}")).GetProperty("bd_seq").GetInt32();
        var cursor = await LastSequenceAsync();

        var reboot = await stack.Lwm2mServer.PostAsync($"/api/devices/{device}/3/0/4", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, reboot.StatusCode);
        await Eventually.UntilAsync(async () =>
        {
            var events = await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/events?after={cursor}");
            return events.EnumerateArray().Any(e => e.GetProperty("type").GetString() == "offline" && e.GetProperty("endpoint").GetString() == device)
                && events.EnumerateArray().Any(e => e.GetProperty("type").GetString() == "registration" && e.GetProperty("endpoint").GetString() == device);
        }, "the device goes offline (its NDEATH) and registers again");
        var after = await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/devices/{device}");
        Assert.NotEqual(before.GetProperty("registration_id").GetString(), after.GetProperty("registration_id").GetString());
        Assert.True(after.GetProperty("online").GetBoolean());
        await Eventually.UntilAsync(async () =>
        {
            var node = await stack.GetJsonAsync(stack.SparkplugHost, $"/api/nodes/IIoT/{device}");
            return node.GetProperty("online").GetBoolean() && node.GetProperty("bd_seq").GetInt32() == bdSeqBefore + 1;
        }, "the Sparkplug side is born again with the next bdSeq");
        await Eventually.UntilAsync(async () => (await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/devices/{device}")).TryGetProperty("sparkplug", out var sparkplug)
            && sparkplug.GetProperty("online").GetBoolean(),
            "the new registration shows the device's Sparkplug side online");
    }

    [Fact]
    public async Task UnansweredRequest_Is504()
    {
        await using var silent = await MqttProbe.ConnectAsync(stack.Application.Broker.Port, "silent-device", "lwm2m/silent-device/#");
        await silent.PublishAsync("lwm2m/silent-device/reg", Encoding.UTF8.GetBytes("""{"lifetime":60,"version":"1.2","objects":"</3/0>"}"""));
        await silent.WaitForAsync(m => m.Topic == "lwm2m/silent-device/reg/ack", "the registration is acknowledged");

        var read = await stack.Lwm2mServer.GetAsync("/api/devices/silent-device/3/0/9", Cancel);

        await AssertProblemAsync(read, HttpStatusCode.GatewayTimeout);
        Assert.Single(silent.Received, m => m.Topic.StartsWith("lwm2m/silent-device/cmd/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeviceDeath_MarksTheRegistrationOffline_KeptUntilItsLifetimeEnds()
    {
        await using var hand = await MqttProbe.ConnectAsync(stack.Application.Broker.Port, "mortal-device", "lwm2m/mortal-device/#");
        await hand.PublishAsync("lwm2m/mortal-device/reg", Encoding.UTF8.GetBytes("""{"lifetime":300,"version":"1.2"}"""));
        await hand.WaitForAsync(m => m.Topic == "lwm2m/mortal-device/reg/ack", "registered");
        await hand.PublishAsync("spBv1.0/IIoT/NBIRTH/mortal-device", SparkplugBirth(seq: true, bdSeq: 5), MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce);
        await hand.PublishAsync("spBv1.0/IIoT/NDEATH/mortal-device", SparkplugBirth(seq: false, bdSeq: 4));

        await Eventually.UntilAsync(async () => (await stack.GetJsonAsync(stack.Lwm2mServer, "/api/devices/mortal-device")).TryGetProperty("sparkplug", out var sparkplug)
            && sparkplug.GetProperty("online").GetBoolean(), "the birth is seen");
        Assert.True((await stack.GetJsonAsync(stack.Lwm2mServer, "/api/devices/mortal-device")).GetProperty("online").GetBoolean(), "a stale will (older bdSeq) changes nothing");

        await hand.PublishAsync("spBv1.0/IIoT/NDEATH/mortal-device", SparkplugBirth(seq: false, bdSeq: 5));

        var view = await Eventually.ValueAsync(() => stack.GetJsonAsync(stack.Lwm2mServer, "/api/devices/mortal-device"), d => !d.GetProperty("online").GetBoolean(), "the matching NDEATH marks it offline");
        Assert.False(view.GetProperty("sparkplug").GetProperty("online").GetBoolean());
        Assert.Equal(JsonValueKind.String, view.GetProperty("offline_since").ValueKind);
        await AssertProblemAsync(await stack.Lwm2mServer.GetAsync("/api/devices/mortal-device/3/0/9", Cancel), HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task HandPlayedDevice_WithTheMosquittoClients_RegistersAndAnswersARead()
    {
        var publish = RequiredTool.Find("mosquitto_pub", "Debian package mosquitto-clients");
        var subscribe = RequiredTool.Find("mosquitto_sub", "Debian package mosquitto-clients");
        var port = stack.Application.Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var watcher = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(subscribe, ["-h", "localhost", "-p", port, "-i", "hand-watcher", "-t", "lwm2m/hand-1/#", "-v"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            var lines = new ProcessOutput(watcher);
            await Eventually.UntilAsync(async () => (await stack.Application.Broker.GetClientsAsync()).Any(c => c.Id == "hand-watcher"), "mosquitto_sub is connected");

            await RunAsync(publish, "-h", "localhost", "-p", port, "-i", "hand-1-pub", "-q", "1", "-t", "lwm2m/hand-1/reg", "-m", """{"lifetime":300,"version":"1.2","objects":"</3/0>"}""");
            await lines.WaitForAsync(line => line.StartsWith("""lwm2m/hand-1/reg/ack {"code":"2.01""", StringComparison.Ordinal), "the registration is acknowledged");

            var read = stack.Lwm2mServer.GetFromJsonAsync<JsonElement>("/api/devices/hand-1/3/0/9", Cancel);
            await lines.WaitForAsync(line => line.StartsWith("lwm2m/hand-1/cmd/", StringComparison.Ordinal), "the read request arrives");
            var command = lines.Lines.First(line => line.StartsWith("lwm2m/hand-1/cmd/", StringComparison.Ordinal));
            var requestId = command.Split(' ')[0]["lwm2m/hand-1/cmd/".Length..];
            Assert.Contains(""""op":"read","path":"/3/0/9"""", command, StringComparison.Ordinal);
            await RunAsync(publish, "-h", "localhost", "-p", port, "-i", "hand-1-pub", "-q", "1", "-t", $"lwm2m/hand-1/resp/{requestId}", "-m", """{"code":"2.05","format":"senml+json","payload":[{"bn":"/3/0/","n":"9","v":50}]}""");

            var answer = await read;
            Assert.Equal(50, answer.GetProperty("values")[0].GetProperty("value").GetInt32());
        }
        finally
        {
            watcher.Kill();
        }
    }

    static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        var document = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        Assert.Contains("/api/devices/{endpoint}/{objectId}/{instanceId}/{resourceId}", document.GetProperty("paths").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task OpenApiDocument_SaysWhichOperationsNeedTheApiKey()
    {
        var document = await stack.Lwm2mServer.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("scheme").GetString());
        var resource = document.GetProperty("paths").GetProperty("/api/devices/{endpoint}/{objectId}/{instanceId}/{resourceId}");
        Assert.True(resource.GetProperty("put").TryGetProperty("security", out var write));
        Assert.True(write[0].TryGetProperty("apiKey", out _));
        Assert.False(resource.GetProperty("get").TryGetProperty("security", out _));
    }

    async Task<string> RegisteredDeviceAsync(int index)
    {
        var device = stack.DeviceIds[index - 1];
        await Eventually.UntilAsync(async () =>
        {
            var response = await stack.Lwm2mServer.GetAsync($"/api/devices/{device}", Cancel);
            return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("online").GetBoolean();
        }, $"{device} is registered and online");
        return device;
    }

    async Task<long> LastSequenceAsync()
    {
        var response = await stack.Lwm2mServer.GetAsync("/api/events?after=0&limit=1", Cancel);
        return long.Parse(response.Headers.GetValues("X-Last-Sequence").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    static bool IsNotification(JsonElement e, string? observation) =>
        e.GetProperty("type").GetString() == "notification" && e.GetProperty("data").GetProperty("observation_id").GetString() == observation;

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? lwm2mCode = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        if (lwm2mCode is not null)
        {
            Assert.Equal(lwm2mCode, problem.GetProperty("lwm2m_code").GetString());
        }
    }

    static async Task<bool> ReadStreamUntilAsync(StreamReader lines, string observation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (await lines.ReadLineAsync(timeout.Token) is { } line)
        {
            using var document = JsonDocument.Parse(line);
            if (IsNotification(document.RootElement, observation))
            {
                return true;
            }
        }
        return false;
    }

    static async Task<bool> ReadWebSocketUntilAsync(ClientWebSocket socket, string observation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, received.Count));
            if (IsNotification(document.RootElement, observation))
            {
                return true;
            }
        }
    }

    static byte[] SparkplugBirth(bool seq, long bdSeq)
    {
        var payload = Protocols.Sparkplug.Payloads.SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, seq ? 0 : null);
        payload.Metrics.Add(Protocols.Sparkplug.Payloads.SparkplugPayloadEncoder.EncodeMetric(new Protocols.Sparkplug.Payloads.SparkplugMetric("bdSeq", null, null, Protocols.Sparkplug.Payloads.MetricValue.FromInt64(bdSeq))));
        return Google.Protobuf.MessageExtensions.ToByteArray(payload);
    }
}
