using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.EndToEnd.Tests;

/// <summary>The walking skeleton end to end: devices over TLS, LwM2M server, Sparkplug host, one process.</summary>
public sealed class StandaloneStackTests(StandaloneFixture stack) : IClassFixture<StandaloneFixture>
{
    [Fact]
    public async Task Registry_ListsEveryDevice_WithTheOriginalRegisterFields()
    {
        var devices = await Eventually.ValueAsync(
            () => stack.GetJsonAsync(stack.Lwm2mServer, "/api/devices"),
            json => json.GetArrayLength() == StandaloneFixture.DeviceCount,
            "every simulated device is registered");

        Assert.Equal(stack.DeviceIds, devices.EnumerateArray().Select(d => d.GetProperty("endpoint").GetString()).Order());
        foreach (var device in devices.EnumerateArray())
        {
            Assert.Equal(3600, device.GetProperty("lifetime_seconds").GetInt32());
            Assert.Equal("1.2", device.GetProperty("version").GetString());
            Assert.Equal("UQ", device.GetProperty("binding_mode").GetString());
            Assert.Equal("IoT Testing Corp", device.GetProperty("objects").GetProperty("3").GetProperty("0").GetProperty("0").GetString());
            Assert.Equal("SimDevice-temperature_sensor", device.GetProperty("objects").GetProperty("3").GetProperty("0").GetProperty("1").GetString());
        }

        var one = await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/devices/{stack.DeviceIds[0]}");
        Assert.Equal(stack.DeviceIds[0], one.GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task UnknownDevice_IsProblemDetails404()
    {
        var response = await stack.Lwm2mServer.GetAsync("/api/devices/no-such-device", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_AnswersExactlyLikeTheOriginalServer()
    {
        var health = await Eventually.ValueAsync(
            () => stack.GetJsonAsync(stack.Lwm2mServer, "/api/health"),
            json => json.GetProperty("active_devices").GetInt32() == StandaloneFixture.DeviceCount,
            "the health answer counts every device");

        Assert.Equal(["active_devices", "status", "timestamp"], health.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.True(DateTimeOffset.TryParse(health.GetProperty("timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task Fleet_ListsEveryDevice_RegisteredOnLwm2m_AndOnlineOnSparkplug()
    {
        var fleet = await Eventually.ValueAsync(
            () => stack.GetJsonAsync(stack.Lwm2mServer, $"/api/fleet?filter={stack.DeviceIdPrefix}"),
            json => json.GetProperty("total").GetInt32() == StandaloneFixture.DeviceCount
                && json.GetProperty("devices").EnumerateArray().All(d => d.GetProperty("state").GetString() == "registered"
                    && d.TryGetProperty("sparkplug", out var sparkplug) && sparkplug.GetProperty("online").GetBoolean()),
            "the fleet shows every device on both protocols");

        Assert.True(fleet.GetProperty("sparkplug_source").GetProperty("reachable").GetBoolean());
        Assert.Equal(stack.DeviceIds, fleet.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("endpoint").GetString()));
        Assert.All(fleet.GetProperty("devices").EnumerateArray(), d => Assert.True(d.GetProperty("sparkplug").GetProperty("metric_count").GetInt32() > 0));
    }

    [Fact]
    public async Task Overview_ShowsTheBridgeReachable_AndMessageRatesOfBothProtocols()
    {
        // The fixture samples every second: a few intervals give points with traffic on both protocols.
        var overview = await Eventually.ValueAsync(
            () => stack.GetJsonAsync(stack.Lwm2mServer, "/api/overview"),
            json => json.GetProperty("rates").GetProperty("lwm2m").EnumerateArray().Any(rate => rate.ValueKind == JsonValueKind.Number && rate.GetDouble() > 0)
                && json.GetProperty("rates").GetProperty("sparkplug").EnumerateArray().Any(rate => rate.ValueKind == JsonValueKind.Number && rate.GetDouble() > 0)
                && json.GetProperty("bridge").GetProperty("reachable").GetBoolean()
                && json.GetProperty("devices").GetProperty("both").GetInt32() >= StandaloneFixture.DeviceCount,
            "the overview shows rates of both protocols, the bridge and every device on both protocols",
            TimeSpan.FromSeconds(30));

        Assert.Equal(1, overview.GetProperty("rates").GetProperty("interval_seconds").GetDouble());
        var bridge = overview.GetProperty("bridge");
        Assert.True(bridge.GetProperty("configured").GetBoolean());
        Assert.Equal(stack.Application.BridgeUrl.Port, new Uri(bridge.GetProperty("url").GetString()!).Port);
        Assert.True(bridge.TryGetProperty("in_flight", out _));
        Assert.True(overview.GetProperty("sparkplug_source").GetProperty("reachable").GetBoolean());
        Assert.True(overview.GetProperty("sparkplug_summary_source").GetProperty("reachable").GetBoolean());
        Assert.True(overview.GetProperty("devices").GetProperty("lwm2m_registered").GetInt32() >= StandaloneFixture.DeviceCount);
        Assert.NotEmpty(overview.GetProperty("latest_events").EnumerateArray());
    }

    [Fact]
    public async Task FleetDevice_ShowsTheHostsNodeView_AndAMetricWrittenThroughTheServer_ChangesThere()
    {
        var cancel = TestContext.Current.CancellationToken;
        var device = stack.DeviceIds[1];
        static IEnumerable<JsonElement> SensorMetrics(JsonElement detail) =>
            detail.GetProperty("sparkplug_node").GetProperty("devices").EnumerateArray()
                .Where(d => d.GetProperty("device_id").GetString() == "sensor")
                .SelectMany(d => d.GetProperty("metrics").EnumerateArray());
        var detail = await Eventually.ValueAsync(
            () => stack.GetJsonAsync(stack.Lwm2mServer, $"/api/fleet/{device}"),
            json => json.GetProperty("state").GetString() == "registered"
                && json.GetProperty("sparkplug_node").ValueKind == JsonValueKind.Object
                && SensorMetrics(json).Any(m => m.GetProperty("name").GetString() == "setpoint"),
            $"{device}'s detail shows its edge node with the sensor's metrics");

        Assert.Equal(device, detail.GetProperty("sparkplug_node").GetProperty("edge_node_id").GetString());
        Assert.True(detail.GetProperty("sparkplug_source").GetProperty("reachable").GetBoolean());
        Assert.NotEmpty(detail.GetProperty("sparkplug_node").GetProperty("metrics").EnumerateArray());
        Assert.All(SensorMetrics(detail), m => Assert.True(m.TryGetProperty("datatype", out _) && m.TryGetProperty("value", out _)));

        var written = await stack.Lwm2mServer.PostAsync($"/api/fleet/{device}/sparkplug/devices/sensor/metrics/setpoint", Json("""{"value":19.25}"""), cancel);
        Assert.Equal(HttpStatusCode.Accepted, written.StatusCode);
        Assert.Equal("setpoint", (await written.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("metric_name").GetString());

        var changed = await Eventually.ValueAsync(
            () => stack.GetJsonAsync(stack.Lwm2mServer, $"/api/fleet/{device}"),
            json => SensorMetrics(json).Any(m => m.GetProperty("name").GetString() == "setpoint" && m.GetProperty("value").GetDouble() == 19.25),
            "the written setpoint shows in the device's detail");
        Assert.True(changed.GetProperty("messages_per_minute").GetInt32() > 0);
        Assert.True(changed.GetProperty("sparkplug").GetProperty("messages_per_minute").GetInt32() > 0);
    }

    [Fact]
    public async Task EachDevice_HoldsExactlyOneMqttConnection_OverTls()
    {
        await Eventually.UntilAsync(async () =>
        {
            var clients = await stack.Application.Broker.GetClientsAsync();
            return stack.DeviceIds.All(id => clients.Count(c => c.Id == id) == 1);
        }, "every device is connected");

        var connected = await stack.Application.Broker.GetClientsAsync();
        foreach (var id in stack.DeviceIds)
        {
            Assert.Single(connected, c => c.Id == id);
            Assert.True(stack.Application.Broker.IsConnectedOverTls(id), $"{id} connected over TLS");
        }
        Assert.Equal(StandaloneFixture.DeviceCount, connected.Count(c => c.Id.StartsWith(stack.DeviceIdPrefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Nodes_ShowEveryEdgeNodeOnline_WithLiveSensorMetrics()
    {
        var nodes = await Eventually.ValueAsync(
            () => stack.GetJsonAsync(stack.SparkplugHost, "/api/nodes"),
            json => json.EnumerateArray().Count(n => n.GetProperty("online").GetBoolean()
                && n.GetProperty("devices").EnumerateArray().Any(d => d.GetProperty("online").GetBoolean())) == StandaloneFixture.DeviceCount,
            "every edge node and its sensor are online");

        foreach (var node in nodes.EnumerateArray())
        {
            Assert.Equal("IIoT", node.GetProperty("group_id").GetString());
            Assert.Contains(node.GetProperty("edge_node_id").GetString(), stack.DeviceIds);
            Assert.True(node.TryGetProperty("bd_seq", out _));
            Assert.Contains(node.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("name").GetString() == "Node Control/Rebirth");
            var sensor = Assert.Single(node.GetProperty("devices").EnumerateArray());
            Assert.Equal("sensor", sensor.GetProperty("device_id").GetString());
            var temperature = Assert.Single(sensor.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("name").GetString() == "temperature");
            Assert.Equal("Double", temperature.GetProperty("datatype").GetString());
            Assert.InRange(temperature.GetProperty("value").GetDouble(), -50, 100);
            Assert.False(temperature.GetProperty("stale").GetBoolean());
        }

        // Data keeps flowing: the last seq moves on.
        var first = nodes[0].GetProperty("last_seq").GetInt32();
        var edge = nodes[0].GetProperty("edge_node_id").GetString();
        await Eventually.UntilAsync(async () =>
        {
            var node = await stack.GetJsonAsync(stack.SparkplugHost, $"/api/nodes/IIoT/{edge}");
            return node.GetProperty("last_seq").GetInt32() != first;
        }, "DDATA keeps arriving");
    }

    [Fact]
    public async Task Events_PolledWithACursor_ComeWithoutLossOrDuplicates()
    {
        var seen = new List<long>();
        long cursor = 0;
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < deadline || seen.Count == 0)
        {
            var page = await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/events?after={cursor}&limit=7");
            foreach (var item in page.EnumerateArray())
            {
                seen.Add(item.GetProperty("sequence").GetInt64());
            }
            cursor = seen.Count > 0 ? seen[^1] : cursor;
        }

        Assert.Equal(1, seen[0]);
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task Events_PolledWithAServerSideConsumer_ComeWithoutLossOrDuplicates()
    {
        var consumer = "test-" + Guid.NewGuid().ToString("N");
        var events = new List<JsonElement>();
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < deadline)
        {
            var page = await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/events?consumer={consumer}&limit=5");
            events.AddRange(page.EnumerateArray());
        }

        var sequences = events.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.NotEmpty(sequences);
        Assert.Equal(Enumerable.Range((int)sequences[0], sequences.Count).Select(i => (long)i), sequences);
        var registrations = events.Where(e => e.GetProperty("type").GetString() == "registration").Select(e => e.GetProperty("endpoint").GetString()).Order();
        Assert.Equal(stack.DeviceIds, registrations);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "send");
    }

    [Fact]
    public async Task Metrics_ExposeTheRequiredSeries()
    {
        var lwm2m = await Eventually.ValueAsync(
            () => stack.Lwm2mServer.GetStringAsync("/metrics", TestContext.Current.CancellationToken),
            text => text.Contains($"lwm2m_active_devices {StandaloneFixture.DeviceCount}", StringComparison.Ordinal),
            "lwm2m_active_devices counts the devices");
        Assert.Contains("lwm2m_messages_total{type=\"register\"}", lwm2m, StringComparison.Ordinal);
        Assert.Contains("lwm2m_messages_total{type=\"send\"}", lwm2m, StringComparison.Ordinal);
        Assert.Contains("lwm2m_events_total{type=\"registration\"}", lwm2m, StringComparison.Ordinal);

        var host = await Eventually.ValueAsync(
            () => stack.SparkplugHost.GetStringAsync("/metrics", TestContext.Current.CancellationToken),
            text => text.Contains($"sparkplug_nodes_online {StandaloneFixture.DeviceCount}", StringComparison.Ordinal)
                && text.Contains($"sparkplug_devices_online {StandaloneFixture.DeviceCount}", StringComparison.Ordinal),
            "the host counts nodes and devices online");
        Assert.Contains("sparkplug_messages_total{message_type=\"nbirth\"}", host, StringComparison.Ordinal);
        Assert.Contains("sparkplug_messages_total{message_type=\"ddata\"}", host, StringComparison.Ordinal);

        var simulator = await stack.Simulator.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains($"simulator_devices_connected {StandaloneFixture.DeviceCount}", simulator, StringComparison.Ordinal);
        Assert.Contains("simulator_messages_published_total{protocol=\"sparkplug\",message_type=\"ddata\"}", simulator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedKafka_ReadWithKcat_HoldsSparkplugDataAsJsonKeyedByDevice_WithTheMqttTopicInAHeader()
    {
        Assert.NotNull(stack.Application.EmbeddedKafka);

        var records = await Eventually.ValueAsync(
            () => Kcat.ReadAllAsync(stack.Application.KafkaBootstrapServers, "iot.telemetry.sparkplug.data"),
            all => stack.DeviceIds.All(id => all.Any(r => r.Key == id && r.Headers["message_type"] == "DDATA")),
            "DDATA of every device reaches Kafka");

        var data = records.Where(r => r.Headers["message_type"] == "DDATA").ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        Assert.All(data, record =>
        {
            Assert.Equal($"spBv1.0/IIoT/DDATA/{record.Key}/sensor", record.Headers["mqtt_topic"]);
            using var json = JsonDocument.Parse(record.Value!);
            Assert.Equal(record.Key, json.RootElement.GetProperty("edge_node_id").GetString());
            // Sent by alias only; the record names every metric (report by exception: only those that changed).
            foreach (var metric in json.RootElement.GetProperty("metrics").EnumerateArray())
            {
                names.Add(metric.GetProperty("name").GetString()!);
            }
        });
        Assert.Contains("temperature", names);
        Assert.Subset(new HashSet<string>(["temperature", "humidity", "battery_level", "uptime", "setpoint"]), names);
        foreach (var device in data.GroupBy(r => r.Key))
        {
            Assert.Single(device.Select(r => r.Partition).Distinct());
        }
        var registrations = await Kcat.ReadAllAsync(stack.Application.KafkaBootstrapServers, "iot.telemetry.lwm2m.registration");
        Assert.Equal(stack.DeviceIds, registrations.Where(r => r.Headers["message_type"] == "reg").Select(r => r.Key).Order());
    }

    [Fact]
    public async Task MalformedMessages_AreCountedWithAReason_AndValidTrafficKeepsFlowing()
    {
        await using var attacker = await MqttProbe.ConnectAsync(stack.Application.Broker.Port, "attacker-" + Guid.NewGuid().ToString("N")[..8]);
        await attacker.PublishAsync("lwm2m/evil-device/reg", Encoding.UTF8.GetBytes("{not json"));
        await attacker.PublishAsync("spBv1.0/IIoT/NDATA/evil-node", [0xFF, 0xFF, 0xFF]);
        await attacker.PublishAsync("spBv1.0/IIoT/NOPE/evil-node", [0x08, 0x01]);

        await Eventually.UntilAsync(async () =>
            (await stack.Lwm2mServer.GetStringAsync("/metrics", TestContext.Current.CancellationToken)).Contains("lwm2m_invalid_messages_total{reason=\"malformed_json\"}", StringComparison.Ordinal),
            "the LwM2M server counts the malformed JSON");
        await Eventually.UntilAsync(async () =>
        {
            var metrics = await stack.SparkplugHost.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
            return metrics.Contains("sparkplug_invalid_messages_total{reason=\"malformed_protobuf\"}", StringComparison.Ordinal)
                && metrics.Contains("sparkplug_invalid_messages_total{reason=\"topic_unknown_message_type\"}", StringComparison.Ordinal);
        }, "the host counts the garbage protobuf and the bad topic");

        var cursor = long.Parse((await stack.Lwm2mServer.GetAsync("/api/events?after=0&limit=1", TestContext.Current.CancellationToken)).Headers.GetValues("X-Last-Sequence").Single(), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.UntilAsync(async () =>
        {
            var newer = await stack.GetJsonAsync(stack.Lwm2mServer, $"/api/events?after={cursor}");
            return newer.EnumerateArray().Any(e => e.GetProperty("type").GetString() == "send" && e.GetProperty("endpoint").GetString() == stack.DeviceIds[0]);
        }, "valid Send reports keep arriving after the bad input");
    }

    [Fact]
    public async Task NonFiniteSetpoint_IsSentAsALegalFloat_RefusedByTheDevice_AndBreaksNoEndpoint()
    {
        var cancel = TestContext.Current.CancellationToken;
        var device = stack.DeviceIds[2];
        var setpoint = $"/api/nodes/IIoT/{device}/devices/sensor/metrics/setpoint";
        await Eventually.UntilAsync(async () =>
        {
            var response = await stack.SparkplugHost.GetAsync($"/api/nodes/IIoT/{device}", cancel);
            return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("devices").EnumerateArray().Any(d => d.GetProperty("online").GetBoolean());
        }, $"{device}'s sensor is born");

        Assert.Equal(HttpStatusCode.BadRequest, (await stack.SparkplugHost.PostAsync(setpoint, Json("""{"value":1e400}"""), cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await stack.SparkplugHost.PostAsync(setpoint, Json("""{"value":"Infinity"}"""), cancel)).StatusCode);
        await Eventually.UntilAsync(async () => PrometheusText.Value(await stack.Simulator.GetStringAsync("/metrics", cancel),
            "simulator_messages_rejected_total{protocol=\"sparkplug\",reason=\"refused\"}") >= 1, "the device refuses the write and counts it");
        Assert.Equal(HttpStatusCode.Accepted, (await stack.SparkplugHost.PostAsync(setpoint, Json("""{"value":23.5}"""), cancel)).StatusCode);

        var view = await Eventually.ValueAsync(() => stack.GetJsonAsync(stack.Simulator, $"/api/devices/{device}"),
            v => v.GetProperty("readings").GetProperty("setpoint").GetDouble() == 23.5, "the finite setpoint is applied");
        Assert.True(double.IsFinite(view.GetProperty("readings").GetProperty("temperature").GetDouble()));
        Assert.Equal(HttpStatusCode.OK, (await stack.Simulator.GetAsync("/api/devices", cancel)).StatusCode);
        await Eventually.UntilAsync(async () =>
        {
            var read = await stack.Lwm2mServer.GetAsync($"/api/devices/{device}/3303/0/5700", cancel);
            return read.IsSuccessStatusCode && (await read.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("code").GetString() == "2.05";
        }, "the temperature still reads over LwM2M");
    }

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
