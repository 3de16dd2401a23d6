using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace LwM2MSparkplug.SparkplugHost.Tests;

/// <summary>The host's view of scripted edge nodes: births, data, gaps, deaths.</summary>
public sealed class EdgeSessionTests
{
    const string Group = "G1";

    [Fact]
    public async Task SkippedSeq_ProducesExactlyOneRebirthAfterTheReorderTimeout_AndTheNextBirthClearsTheGap()
    {
        await using var harness = await SparkplugHostHarness.StartAsync(reorderTimeoutSeconds: 0.3);
        await using var edge = await harness.ConnectEdgeAsync(Group, "gap-edge", bdSeq: 0);
        var temperature = new SparkplugMetric("temperature", 1, 1, MetricValue.FromDouble(20));
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/gap-edge", SparkplugHostHarness.NodeBirth(0, temperature), MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/gap-edge", SparkplugHostHarness.Data(1, new SparkplugMetric(null, 1, 2, MetricValue.FromDouble(21))), MqttQualityOfServiceLevel.AtMostOnce);
        await WaitForNodeAsync(harness, "gap-edge", n => n.GetProperty("last_seq").GetInt32() == 1);

        var sentAt = DateTime.UtcNow;
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/gap-edge", SparkplugHostHarness.Data(3, new SparkplugMetric(null, 1, 3, MetricValue.FromDouble(23))), MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/gap-edge", SparkplugHostHarness.Data(4, new SparkplugMetric(null, 1, 4, MetricValue.FromDouble(24))), MqttQualityOfServiceLevel.AtMostOnce);

        var rebirth = await edge.WaitForAsync(m => m.Topic == $"spBv1.0/{Group}/NCMD/gap-edge", "a rebirth request");
        Assert.True(SparkplugHostHarness.IsRebirthRequest(rebirth));
        Assert.True(DateTime.UtcNow - sentAt >= TimeSpan.FromSeconds(0.25), "the request waits for the reorder timeout");

        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/gap-edge", SparkplugHostHarness.NodeBirth(0, temperature), MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/gap-edge", SparkplugHostHarness.Data(1, new SparkplugMetric(null, 1, 5, MetricValue.FromDouble(25))), MqttQualityOfServiceLevel.AtMostOnce);
        var node = await WaitForNodeAsync(harness, "gap-edge", n => n.GetProperty("metrics").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "temperature" && m.GetProperty("value").GetDouble() == 25));

        Assert.Equal(1, node.GetProperty("last_seq").GetInt32());
        var metrics = await harness.Host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains("sparkplug_seq_gaps_total 1", metrics, StringComparison.Ordinal);
        Assert.Contains("sparkplug_rebirth_requests_total{reason=\"seq_gap\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains($"sparkplug_node_messages_total{{group_id=\"{Group}\",edge_node_id=\"gap-edge\"}} 6", metrics, StringComparison.Ordinal);
        Assert.Single(edge.On($"spBv1.0/{Group}/NCMD/gap-edge"));
    }

    [Fact]
    public async Task MessageAge_IsReceiveTimeMinusThePayloadTimestamp_AndATimestampFromFarAwayIsNoError()
    {
        await using var harness = await SparkplugHostHarness.StartAsync();
        await using var edge = await harness.ConnectEdgeAsync(Group, "aged-edge", bdSeq: 0);
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/aged-edge", SparkplugHostHarness.NodeBirth(0, new SparkplugMetric("count", 1, 1, MetricValue.FromInt64(1))), MqttQualityOfServiceLevel.AtMostOnce);
        var old = Payload(seq: 1, (ulong)DateTimeOffset.UtcNow.AddSeconds(-3).ToUnixTimeMilliseconds());
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/aged-edge", old, MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/aged-edge", Payload(seq: 2, ulong.MaxValue), MqttQualityOfServiceLevel.AtMostOnce);
        await WaitForNodeAsync(harness, "aged-edge", n => n.GetProperty("last_seq").GetInt32() == 2);

        // The birth and the message from the future arrive at age 0; the old one about 3 s late.
        var metrics = await harness.Host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(3, PrometheusText.Value(metrics, "sparkplug_message_age_seconds_count"));
        Assert.Equal(2, PrometheusText.Value(metrics, "sparkplug_message_age_seconds_bucket{le=\"2\"}"));
        Assert.InRange(PrometheusText.Value(metrics, "sparkplug_message_age_seconds_sum"), 3, 4);
    }

    static byte[] Payload(byte seq, ulong timestamp)
    {
        var payload = new LwM2MSparkplug.Protocols.Sparkplug.Proto.Payload { Seq = seq, Timestamp = timestamp };
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(null, 1, 1, MetricValue.FromInt64(seq))));
        return Google.Protobuf.MessageExtensions.ToByteArray(payload);
    }

    [Fact]
    public async Task DroppedEdgeConnection_MarksNodeAndDevicesOfflineAndTheirMetricsStale()
    {
        await using var harness = await SparkplugHostHarness.StartAsync();
        var edge = await harness.ConnectEdgeAsync(Group, "dropped-edge", bdSeq: 7);
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/dropped-edge", SparkplugHostHarness.NodeBirth(7, new SparkplugMetric("uptime", null, 1, MetricValue.FromInt64(5))), MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/DBIRTH/dropped-edge/pump", SparkplugHostHarness.DeviceBirth(1, new SparkplugMetric("speed", 1, 1, MetricValue.FromFloat(3))), MqttQualityOfServiceLevel.AtMostOnce);
        await WaitForNodeAsync(harness, "dropped-edge", n => n.GetProperty("devices").GetArrayLength() == 1);

        // No DISCONNECT: the broker drops the TCP connection and publishes the NDEATH will.
        await harness.Broker.Broker.Server.DisconnectClientAsync("dropped-edge", new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.UnspecifiedError });

        var node = await WaitForNodeAsync(harness, "dropped-edge", n => !n.GetProperty("online").GetBoolean());
        Assert.All(node.GetProperty("metrics").EnumerateArray(), m => Assert.True(m.GetProperty("stale").GetBoolean()));
        var device = Assert.Single(node.GetProperty("devices").EnumerateArray());
        Assert.False(device.GetProperty("online").GetBoolean());
        var speed = Assert.Single(device.GetProperty("metrics").EnumerateArray());
        Assert.True(speed.GetProperty("stale").GetBoolean());
        Assert.Equal(500, speed.GetProperty("quality").GetInt32());
        await edge.DisposeAsync();
    }

    [Fact]
    public async Task StaleWill_FromAnOlderSession_IsIgnoredAndCounted()
    {
        await using var harness = await SparkplugHostHarness.StartAsync();
        await using var edge = await harness.ConnectEdgeAsync(Group, "stale-edge", bdSeq: 3);
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/stale-edge", SparkplugHostHarness.NodeBirth(3), MqttQualityOfServiceLevel.AtMostOnce);
        await WaitForNodeAsync(harness, "stale-edge", n => n.GetProperty("online").GetBoolean());

        var oldDeath = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, null);
        oldDeath.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("bdSeq", null, null, MetricValue.FromInt64(2))));
        await edge.PublishAsync($"spBv1.0/{Group}/NDEATH/stale-edge", Google.Protobuf.MessageExtensions.ToByteArray(oldDeath));

        await Eventually.UntilAsync(async () => (await harness.Host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken)).Contains("sparkplug_stale_deaths_total 1", StringComparison.Ordinal), "the stale death is counted");
        var node = await harness.Host.Http.GetFromJsonAsync<JsonElement>($"/api/nodes/{Group}/stale-edge", TestContext.Current.CancellationToken);
        Assert.True(node.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task DataBeforeBirth_RequestsARebirth_DebouncedPerNode()
    {
        await using var harness = await SparkplugHostHarness.StartAsync(rebirthDebounceSeconds: 30);
        await using var edge = await harness.ConnectEdgeAsync(Group, "unborn-edge", bdSeq: 0);

        for (byte seq = 1; seq <= 5; seq++)
        {
            await edge.PublishAsync($"spBv1.0/{Group}/NDATA/unborn-edge", SparkplugHostHarness.Data(seq, new SparkplugMetric(null, 1, 1, MetricValue.FromDouble(1))), MqttQualityOfServiceLevel.AtMostOnce);
        }

        await edge.WaitForAsync(m => m.Topic == $"spBv1.0/{Group}/NCMD/unborn-edge" && SparkplugHostHarness.IsRebirthRequest(m), "a rebirth request");
        await Eventually.UntilAsync(async () => (await harness.Host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken)).Contains("sparkplug_rebirth_requests_debounced_total 4", StringComparison.Ordinal), "the other four are debounced");
        Assert.Single(edge.On($"spBv1.0/{Group}/NCMD/unborn-edge"));
    }

    [Fact]
    public async Task RestRebirth_And_MetricWrite_SendCommandsWithAliasAndDatatype()
    {
        await using var harness = await SparkplugHostHarness.StartAsync();
        await using var edge = await harness.ConnectEdgeAsync(Group, "cmd-edge", bdSeq: 0);
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/cmd-edge", SparkplugHostHarness.NodeBirth(0), MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/DBIRTH/cmd-edge/valve", SparkplugHostHarness.DeviceBirth(1, new SparkplugMetric("Config/setpoint", 9, 1, MetricValue.FromUInt32(10))), MqttQualityOfServiceLevel.AtMostOnce);
        await WaitForNodeAsync(harness, "cmd-edge", n => n.GetProperty("devices").GetArrayLength() == 1);

        var rebirth = await harness.Host.Http.PostAsync($"/api/nodes/{Group}/cmd-edge/rebirth", null, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, rebirth.StatusCode);
        await edge.WaitForAsync(m => m.Topic == $"spBv1.0/{Group}/NCMD/cmd-edge" && SparkplugHostHarness.IsRebirthRequest(m), "the REST rebirth request");

        var write = await harness.Host.Http.PostAsJsonAsync($"/api/nodes/{Group}/cmd-edge/devices/valve/metrics/Config/setpoint", new { value = 4000000000 }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, write.StatusCode);
        var command = await edge.WaitForAsync(m => m.Topic == $"spBv1.0/{Group}/DCMD/cmd-edge/valve", "the DCMD");
        var payload = LwM2MSparkplug.Protocols.Sparkplug.Proto.Payload.Parser.ParseFrom(command.Payload);
        var metric = Assert.Single(payload.Metrics);
        Assert.False(payload.HasSeq);
        Assert.Equal(9UL, metric.Alias);
        Assert.False(metric.HasName);
        Assert.Equal((uint)SparkplugDataType.UInt32, metric.Datatype);
        Assert.Equal(4000000000UL, metric.LongValue);

        var bad = await harness.Host.Http.PostAsJsonAsync($"/api/nodes/{Group}/cmd-edge/devices/valve/metrics/Config/setpoint", new { value = "high" }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        var unknown = await harness.Host.Http.PostAsJsonAsync($"/api/nodes/{Group}/cmd-edge/metrics/nope", new { value = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task UnreadableValues_AreCountedWithTheirReason_AndTheRestOfTheMessageApplies()
    {
        await using var harness = await SparkplugHostHarness.StartAsync();
        await using var edge = await harness.ConnectEdgeAsync(Group, "odd-edge", bdSeq: 0);
        var birth = LwM2MSparkplug.Protocols.Sparkplug.Proto.Payload.Parser.ParseFrom(SparkplugHostHarness.NodeBirth(0,
            new SparkplugMetric("level", 1, 1, MetricValue.FromUInt8(1)),
            new SparkplugMetric("ok", 2, 1, MetricValue.FromDouble(1))));
        birth.Metrics.Add(new LwM2MSparkplug.Protocols.Sparkplug.Proto.Payload.Types.Metric { Name = "mystery", Alias = 3, Datatype = 99, IntValue = 1 });
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/odd-edge", Google.Protobuf.MessageExtensions.ToByteArray(birth), MqttQualityOfServiceLevel.AtMostOnce);

        var data = LwM2MSparkplug.Protocols.Sparkplug.Proto.Payload.Parser.ParseFrom(SparkplugHostHarness.Data(1, new SparkplugMetric(null, 2, 2, MetricValue.FromDouble(42))));
        data.Metrics.Add(new LwM2MSparkplug.Protocols.Sparkplug.Proto.Payload.Types.Metric { Alias = 1, IntValue = 300 });
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/odd-edge", Google.Protobuf.MessageExtensions.ToByteArray(data), MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/odd-edge", new byte[2 * 1024 * 1024], MqttQualityOfServiceLevel.AtMostOnce);

        await WaitForNodeAsync(harness, "odd-edge", n => n.GetProperty("metrics").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "ok" && m.GetProperty("value").GetDouble() == 42));
        var metrics = await harness.Host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains("sparkplug_invalid_messages_total{reason=\"value_unknown_data_type\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("sparkplug_invalid_messages_total{reason=\"value_out_of_range\"} 1", metrics, StringComparison.Ordinal);
        await Eventually.UntilAsync(async () => (await harness.Host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken))
            .Contains("sparkplug_invalid_messages_total{reason=\"payload_too_large\"} 1", StringComparison.Ordinal), "the oversize payload is rejected unread");
    }

    [Fact]
    public async Task HistoricalValues_LeaveTheCurrentValue_AreCounted_AndShowAsTheMetricsBoundedHistory()
    {
        await using var harness = await SparkplugHostHarness.StartAsync(settings: new Dictionary<string, string> { ["SparkplugHost:MaxHistoricalValuesPerMetric"] = "2" });
        await using var edge = await harness.ConnectEdgeAsync(Group, "backfill-edge", bdSeq: 0);
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/backfill-edge", SparkplugHostHarness.NodeBirth(0,
            new SparkplugMetric("temperature", 1, 1, MetricValue.FromDouble(20)), new SparkplugMetric("uptime", 2, 1, MetricValue.FromInt64(0))), MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/backfill-edge", SparkplugHostHarness.Data(1, new SparkplugMetric(null, 1, 2, MetricValue.FromDouble(21))), MqttQualityOfServiceLevel.AtMostOnce);

        // An hour of backfill, sent late and out of order; only the newest two are kept.
        var hourAgo = (ulong)DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var backfill = LwM2MSparkplug.Protocols.Sparkplug.Proto.Payload.Parser.ParseFrom(SparkplugHostHarness.Data(2));
        foreach (var (offset, value) in new[] { (2000UL, 7.0), (0UL, 5.0), (1000UL, 6.0) })
        {
            backfill.Metrics.Add(new LwM2MSparkplug.Protocols.Sparkplug.Proto.Payload.Types.Metric { Alias = 1, Timestamp = hourAgo + offset, IsHistorical = true, DoubleValue = value });
        }
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/backfill-edge", Google.Protobuf.MessageExtensions.ToByteArray(backfill), MqttQualityOfServiceLevel.AtMostOnce);

        var node = await WaitForNodeAsync(harness, "backfill-edge", n => n.GetProperty("last_seq").GetInt32() == 2);
        var temperature = node.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "temperature");
        Assert.Equal(21, temperature.GetProperty("value").GetDouble());
        Assert.Equal(2UL, temperature.GetProperty("timestamp").GetUInt64());
        var history = temperature.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([6.0, 7.0], history.Select(h => h.GetProperty("value").GetDouble()));
        Assert.Equal([hourAgo + 1000, hourAgo + 2000], history.Select(h => h.GetProperty("timestamp").GetUInt64()));
        var uptime = node.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "uptime");
        Assert.False(uptime.TryGetProperty("history", out _));
        var metrics = await harness.Host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(3, PrometheusText.Value(metrics, "sparkplug_metric_values_not_applied_total{reason=\"historical\"}"));
    }

    [Fact]
    public async Task NodeDeadLongerThanTheRetention_IsEvicted_WithItsPerNodeSeries()
    {
        await using var harness = await SparkplugHostHarness.StartAsync(settings: new Dictionary<string, string> { ["SparkplugHost:DeadNodeRetentionSeconds"] = "0.5" });
        await using var edge = await harness.ConnectEdgeAsync(Group, "evicted-edge", bdSeq: 3);
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/evicted-edge", SparkplugHostHarness.NodeBirth(3, new SparkplugMetric("uptime", null, 1, MetricValue.FromInt64(5))), MqttQualityOfServiceLevel.AtMostOnce);
        await WaitForNodeAsync(harness, "evicted-edge", n => n.GetProperty("online").GetBoolean());
        var series = $"sparkplug_node_messages_total{{group_id=\"{Group}\",edge_node_id=\"evicted-edge\"}}";
        Assert.Contains(series, await harness.Host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        await edge.PublishAsync($"spBv1.0/{Group}/NDEATH/evicted-edge", SparkplugHostHarness.NodeDeath(3), MqttQualityOfServiceLevel.AtMostOnce);

        await Eventually.UntilAsync(
            async () => (await harness.Host.Http.GetAsync($"/api/nodes/{Group}/evicted-edge", TestContext.Current.CancellationToken)).StatusCode == System.Net.HttpStatusCode.NotFound,
            "the dead node is evicted");
        var metrics = await harness.Host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(series, metrics, StringComparison.Ordinal);
        Assert.Equal(1, PrometheusText.Value(metrics, "sparkplug_nodes_evicted_total"));
        Assert.Equal(0, PrometheusText.Value(metrics, "sparkplug_nodes_known"));
    }

    [Fact]
    public async Task PerNodeMetricsOff_ExportsNoPerNodeSeries()
    {
        await using var harness = await SparkplugHostHarness.StartAsync(settings: new Dictionary<string, string> { ["SparkplugHost:PerNodeMetrics"] = "false" });
        await using var edge = await harness.ConnectEdgeAsync(Group, "quiet-edge", bdSeq: 0);
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/quiet-edge", SparkplugHostHarness.NodeBirth(0, new SparkplugMetric("uptime", null, 1, MetricValue.FromInt64(5))), MqttQualityOfServiceLevel.AtMostOnce);
        await WaitForNodeAsync(harness, "quiet-edge", n => n.GetProperty("online").GetBoolean());

        var metrics = await harness.Host.Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(1, PrometheusText.Value(metrics, "sparkplug_nodes_known"));
        Assert.DoesNotContain("sparkplug_node_messages_total{", metrics, StringComparison.Ordinal);
    }

    static async Task<JsonElement> WaitForNodeAsync(SparkplugHostHarness harness, string edge, Func<JsonElement, bool> accept) =>
        await Eventually.ValueAsync(async () =>
        {
            var response = await harness.Host.Http.GetAsync($"/api/nodes/{Group}/{edge}", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken) : default;
        }, node => node.ValueKind == JsonValueKind.Object && accept(node), $"edge node {edge} reaches the expected state");
}
