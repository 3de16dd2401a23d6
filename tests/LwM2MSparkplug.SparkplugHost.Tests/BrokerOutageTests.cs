using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Tests;

/// <summary>Sparkplug 3.0 host behaviour on a lost broker connection: nothing it knows about edge nodes is current.</summary>
public sealed class BrokerOutageTests
{
    const string Group = "G1";

    [Fact]
    public async Task BrokerDown_NodesAndMetricsAreStaleSinceTheLoss_AndStayStaleAfterTheReconnect_UntilTheNodeIsHeardFromAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SparkplugHostHarness.StartAsync();
        var temperature = new SparkplugMetric("temperature", 1, 1, MetricValue.FromDouble(20));
        await using (var edge = await harness.ConnectEdgeAsync(Group, "outage-edge", bdSeq: 0))
        {
            await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/outage-edge", SparkplugHostHarness.NodeBirth(0, temperature), MqttQualityOfServiceLevel.AtMostOnce);
            var current = await NodeAsync(harness, n => n.GetProperty("online").GetBoolean(), "the node is born");
            Assert.False(current.GetProperty("stale").GetBoolean());

            var lostAfter = DateTimeOffset.UtcNow;
            await harness.Broker.StopAsync();

            var stale = await NodeAsync(harness, n => n.TryGetProperty("stale", out var s) && s.GetBoolean(), "the node is reported stale");
            var staleSince = stale.GetProperty("stale_since").GetDateTimeOffset();
            Assert.InRange(staleSince, lostAfter, DateTimeOffset.UtcNow);
            Assert.True(stale.GetProperty("online").GetBoolean(), "online is the last state known, qualified by stale");
            Assert.All(stale.GetProperty("metrics").EnumerateArray(), m => Assert.True(m.GetProperty("stale").GetBoolean()));
            var health = await harness.Host.Http.GetAsync("/api/health", ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("lost its broker connection at", await health.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

            await harness.Broker.RestartAsync();
            await Eventually.UntilAsync(async () => (await harness.Host.Http.GetAsync("/api/health", ct)).IsSuccessStatusCode, "the host is connected again");
            Assert.Equal(staleSince, (await NodeAsync(harness, _ => true, "the node is still known")).GetProperty("stale_since").GetDateTimeOffset());
        }

        await using var reborn = await harness.ConnectEdgeAsync(Group, "outage-edge", bdSeq: 1);
        await reborn.PublishAsync($"spBv1.0/{Group}/NBIRTH/outage-edge", SparkplugHostHarness.NodeBirth(1, temperature), MqttQualityOfServiceLevel.AtMostOnce);
        var heard = await NodeAsync(harness, n => !n.GetProperty("stale").GetBoolean(), "the node was heard from again and is current");
        Assert.False(heard.TryGetProperty("stale_since", out _));
    }

    static async Task<JsonElement> NodeAsync(SparkplugHostHarness harness, Func<JsonElement, bool> accept, string because) =>
        await Eventually.ValueAsync(async () =>
        {
            var response = await harness.Host.Http.GetAsync($"/api/nodes/{Group}/outage-edge", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken) : default;
        }, node => node.ValueKind == JsonValueKind.Object && accept(node), because);
}
