using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Tests.Apis;

/// <summary><c>/api/summary</c>: the counters the LwM2M server's overview samples.</summary>
public sealed class SummaryApiTests
{
    const string Group = "summary";

    [Fact]
    public async Task Summary_CountsMessagesByType_InvalidOnesByReason_AndNodes()
    {
        await using var harness = await SparkplugHostHarness.StartAsync();
        await using var edge = await harness.ConnectEdgeAsync(Group, "summary-edge", 0);
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/summary-edge", SparkplugHostHarness.NodeBirth(0, new SparkplugMetric("count", 1, 1, MetricValue.FromInt64(1))), MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/summary-edge", SparkplugHostHarness.Data(1, new SparkplugMetric(null, 1, 2, MetricValue.FromInt64(2))), MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/NDATA/summary-edge", [0xff, 0xff, 0xff], MqttQualityOfServiceLevel.AtMostOnce);

        var summary = await Eventually.ValueAsync(
            () => harness.Host.Http.GetFromJsonAsync<JsonElement>("/api/summary", TestContext.Current.CancellationToken),
            json => json.GetProperty("invalid_messages").EnumerateObject().Any() && json.GetProperty("messages").TryGetProperty("ndata", out _),
            "the host counted the data and the invalid message");

        Assert.Equal(harness.HostId, summary.GetProperty("host_id").GetString());
        Assert.Equal(1, summary.GetProperty("messages").GetProperty("nbirth").GetDouble());
        Assert.True(summary.GetProperty("messages_total").GetDouble() >= 2);
        Assert.Equal(1, summary.GetProperty("invalid_messages").EnumerateObject().Sum(reason => reason.Value.GetDouble()));
        Assert.Equal(1, summary.GetProperty("nodes_online").GetInt32());
        Assert.Equal(1, summary.GetProperty("nodes_known").GetInt32());
        Assert.True(summary.TryGetProperty("timestamp", out _));
    }
}
