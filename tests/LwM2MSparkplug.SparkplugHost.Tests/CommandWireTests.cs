using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Protocols.Sparkplug;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.Testing;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Tests;

/// <summary>
/// NCMD and DCMD as the broker receives them from the host (Sparkplug 3.0 §6.4.x, the TCK's SendCommandTest): QoS 0,
/// not retained, a payload timestamp of when they were sent, and node metric writes carrying a value that suits the
/// metric the NBIRTH declared.
/// </summary>
public sealed class CommandWireTests
{
    const string Group = "C";
    const string Edge = "command-edge";

    [Fact]
    public async Task NodeMetricWrite_IsAnNcmd_Qos0_NotRetained_StampedWhenSent_CarryingTheValueAsTheBirthDeclaredIt_AndAValueThatDoesNotFitIsRefused()
    {
        var (broker, wiretap) = await StartBrokerAsync();
        await using var harness = await SparkplugHostHarness.StartAsync(broker: broker);
        await using var edge = await BornEdgeAsync(harness);
        var topic = $"spBv1.0/{Group}/NCMD/{Edge}";

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var write = await harness.Host.Http.PostAsJsonAsync($"/api/nodes/{Group}/{Edge}/metrics/Config/interval", new { value = 250 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, write.StatusCode);

        var (command, payload) = await SentCommandAsync(wiretap, topic, before);
        Assert.False(payload.HasSeq);
        var metric = Assert.Single(payload.Metrics);
        Assert.Equal(3UL, metric.Alias);
        Assert.Equal((uint)SparkplugDataType.Int32, metric.Datatype);
        Assert.Equal(250u, metric.IntValue);
        var received = await edge.WaitForAsync(m => m.Topic == topic, "the edge node receives the NCMD");
        Assert.Equal(command.Payload, received.Payload);

        foreach (var unfit in new object[] { "fast", 2147483648L, 1.5, true })
        {
            var refused = await harness.Host.Http.PostAsJsonAsync($"/api/nodes/{Group}/{Edge}/metrics/Config/interval", new { value = unfit }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        Assert.Single(wiretap.PublishesOn(topic));
    }

    [Fact]
    public async Task DeviceMetricWrite_IsADcmd_Qos0_NotRetained_StampedWhenSent()
    {
        var (broker, wiretap) = await StartBrokerAsync();
        await using var harness = await SparkplugHostHarness.StartAsync(broker: broker);
        await using var edge = await BornEdgeAsync(harness);
        var topic = $"spBv1.0/{Group}/DCMD/{Edge}/valve";

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var write = await harness.Host.Http.PostAsJsonAsync($"/api/nodes/{Group}/{Edge}/devices/valve/metrics/open", new { value = true }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, write.StatusCode);

        var (_, payload) = await SentCommandAsync(wiretap, topic, before);
        var metric = Assert.Single(payload.Metrics);
        Assert.Equal(11UL, metric.Alias);
        Assert.True(metric.BooleanValue);
        await edge.WaitForAsync(m => m.Topic == topic, "the edge node receives the DCMD");
    }

    [Fact]
    public async Task RebirthRequest_IsAnNcmd_Qos0_NotRetained_StampedWhenSent()
    {
        var (broker, wiretap) = await StartBrokerAsync();
        await using var harness = await SparkplugHostHarness.StartAsync(broker: broker);
        await using var edge = await BornEdgeAsync(harness);

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var rebirth = await harness.Host.Http.PostAsync($"/api/nodes/{Group}/{Edge}/rebirth", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, rebirth.StatusCode);

        var (_, payload) = await SentCommandAsync(wiretap, $"spBv1.0/{Group}/NCMD/{Edge}", before);
        Assert.Equal(SparkplugCommands.NodeControlRebirth, Assert.Single(payload.Metrics).Name);
    }

    static async Task<(TestBroker Broker, BrokerWiretap Wiretap)> StartBrokerAsync()
    {
        var broker = await TestBroker.StartAsync();
        return (broker, BrokerWiretap.Attach(broker));
    }

    /// <summary>An edge node whose NBIRTH declares an Int32 node metric (alias 3) and whose device declares a Boolean (alias 11).</summary>
    static async Task<MqttProbe> BornEdgeAsync(SparkplugHostHarness harness)
    {
        var edge = await harness.ConnectEdgeAsync(Group, Edge, bdSeq: 0);
        await edge.PublishAsync($"spBv1.0/{Group}/NBIRTH/{Edge}",
            SparkplugHostHarness.NodeBirth(0, new SparkplugMetric("Config/interval", 3, 1, MetricValue.FromInt32(1000))), MqttQualityOfServiceLevel.AtMostOnce);
        await edge.PublishAsync($"spBv1.0/{Group}/DBIRTH/{Edge}/valve",
            SparkplugHostHarness.DeviceBirth(1, new SparkplugMetric("open", 11, 1, MetricValue.FromBoolean(false))), MqttQualityOfServiceLevel.AtMostOnce);
        await Eventually.UntilAsync(async () =>
        {
            var response = await harness.Host.Http.GetAsync($"/api/nodes/{Group}/{Edge}", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("devices").GetArrayLength() == 1;
        }, "the edge node and its device are born");
        return edge;
    }

    /// <summary>
    /// The command the host published on <paramref name="topic"/>, checked as every NCMD and DCMD must be: QoS 0, not
    /// retained, a payload timestamp taken when it was sent (after <paramref name="before"/>).
    /// </summary>
    static async Task<(WiretapEvent Command, Payload Payload)> SentCommandAsync(BrokerWiretap wiretap, string topic, long before)
    {
        var command = await SentAsync(wiretap, topic);
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(MqttQualityOfServiceLevel.AtMostOnce, command.QualityOfService);
        Assert.False(command.Retain, $"{topic}: a command is not retained");
        var payload = Payload.Parser.ParseFrom(command.Payload);
        Assert.True(payload.HasTimestamp, $"{topic}: a command has a payload timestamp");
        Assert.InRange((long)payload.Timestamp, before, after);
        return (command, payload);
    }

    static async Task<WiretapEvent> SentAsync(BrokerWiretap wiretap, string topic) =>
        (await Eventually.ValueAsync(() => Task.FromResult(wiretap.PublishesOn(topic) is [var first, ..] ? first : null), p => p is not null, $"the host publishes on {topic}"))!;
}
