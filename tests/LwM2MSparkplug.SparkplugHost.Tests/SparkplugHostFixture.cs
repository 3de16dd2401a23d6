using Google.Protobuf;
using LwM2MSparkplug.Protocols.Sparkplug.Payloads;
using LwM2MSparkplug.Protocols.Sparkplug.Proto;
using LwM2MSparkplug.SparkplugHost;
using LwM2MSparkplug.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.SparkplugHost.Tests;

/// <summary>A broker and a Sparkplug host with a short reorder timeout, per test.</summary>
public sealed class SparkplugHostHarness : IAsyncDisposable
{
    SparkplugHostHarness(TestBroker broker, TestService host, string hostId)
    {
        Broker = broker;
        Host = host;
        HostId = hostId;
    }

    public TestBroker Broker { get; }
    public TestService Host { get; }
    public string HostId { get; }
    public string StateTopic => $"spBv1.0/STATE/{HostId}";

    public static async Task<SparkplugHostHarness> StartAsync(
        double reorderTimeoutSeconds = 0.3, double rebirthDebounceSeconds = 5, TestBroker? broker = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        broker ??= await TestBroker.StartAsync();
        var hostId = "host-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = broker.ClientConfiguration();
        configuration["SparkplugHost:HostId"] = hostId;
        configuration["SparkplugHost:ReorderTimeoutSeconds"] = reorderTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["SparkplugHost:RebirthDebounceSeconds"] = rebirthDebounceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            configuration[key] = value;
        }
        var host = await TestService.StartAsync(SparkplugHostExtensions.ServiceName, configuration, b => b.AddSparkplugHost(), a => a.MapSparkplugHostApi());
        await Eventually.UntilAsync(async () => (await host.Http.GetAsync("/api/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode, "the host is connected to the broker");
        return new SparkplugHostHarness(broker, host, hostId);
    }

    /// <summary>A scripted edge node: a raw MQTT client with an NDEATH will.</summary>
    public async Task<MqttProbe> ConnectEdgeAsync(string group, string edge, long bdSeq)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("localhost", Broker.Port)
            .WithClientId(edge)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithWillTopic($"spBv1.0/{group}/NDEATH/{edge}")
            .WithWillPayload(NodeDeath(bdSeq))
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return await MqttProbe.ConnectAsync(options, $"spBv1.0/{group}/NCMD/{edge}", $"spBv1.0/{group}/DCMD/{edge}/+");
    }

    /// <summary>An NDEATH, as the will or as an edge node publishes it before it disconnects.</summary>
    public static byte[] NodeDeath(long bdSeq)
    {
        var death = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, null);
        death.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("bdSeq", null, null, MetricValue.FromInt64(bdSeq))));
        return death.ToByteArray();
    }

    public static byte[] NodeBirth(long bdSeq, params SparkplugMetric[] metrics)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, 0);
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric("bdSeq", null, 1, MetricValue.FromInt64(bdSeq))));
        payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(new SparkplugMetric(SparkplugCommands.NodeControlRebirth, null, 1, MetricValue.FromBoolean(false))));
        foreach (var metric in metrics)
        {
            payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(metric));
        }
        return payload.ToByteArray();
    }

    /// <summary>A DBIRTH: every metric with its name, alias and datatype.</summary>
    public static byte[] DeviceBirth(byte seq, params SparkplugMetric[] metrics)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, seq);
        foreach (var metric in metrics)
        {
            payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(metric));
        }
        return payload.ToByteArray();
    }

    public static byte[] Data(byte seq, params SparkplugMetric[] metrics)
    {
        var payload = SparkplugPayloadEncoder.CreatePayload(DateTimeOffset.UtcNow, seq);
        foreach (var metric in metrics)
        {
            payload.Metrics.Add(SparkplugPayloadEncoder.EncodeMetric(metric, includeDataType: metric.Name is not null && metric.Alias is null));
        }
        return payload.ToByteArray();
    }

    public static bool IsRebirthRequest(ReceivedMessage message)
    {
        var payload = Payload.Parser.ParseFrom(message.Payload);
        return !payload.HasSeq && payload.Metrics.Count == 1
            && payload.Metrics[0].Name == SparkplugCommands.NodeControlRebirth
            && payload.Metrics[0].Datatype == 11 && payload.Metrics[0].BooleanValue
            && message.QualityOfService == MqttQualityOfServiceLevel.AtMostOnce && !message.Retain;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
