using System.Text;
using LwM2MSparkplug.Testing;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>The project's mosquitto.conf, ACL and password script, in the real broker.</summary>
public sealed class MosquittoConfigTests(ProjectMosquitto broker) : IClassFixture<ProjectMosquitto>
{
    [Fact]
    public async Task TlsListener_AcceptsADeviceThatTrustsTheStackCa()
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(broker.ClientOptions("tls-dev", "device"), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnonymousClients_AreRefused(bool tls)
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var outcome = await ConnectOutcomeAsync(client, broker.ClientOptions("anonymous", null, tls));

        Assert.Matches("NotAuthorized|BadUserNameOrPassword", outcome);
    }

    [Fact]
    public async Task WrongPassword_IsRefused()
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var outcome = await ConnectOutcomeAsync(client, broker.ClientOptions("guess", "device", password: "wrong"));

        Assert.Matches("NotAuthorized|BadUserNameOrPassword", outcome);
    }

    [Theory]
    [InlineData("lwm2m/dev-b/reg")]
    [InlineData("lwm2m/dev-b/resp/r1")]
    [InlineData("lwm2m/dev-b/cmd/r1")]
    [InlineData("lwm2m/dev-a/cmd/r1")]
    [InlineData("lwm2m/dev-a/reg/ack")]
    [InlineData("spBv1.0/IIoT/NBIRTH/dev-b")]
    [InlineData("spBv1.0/IIoT/DDATA/dev-b/sensor")]
    [InlineData("spBv1.0/IIoT/NCMD/dev-b")]
    [InlineData("spBv1.0/STATE/lwm2m-sparkplug-host")]
    public async Task Device_CannotPublishOutsideItsOwnUplinks(string topic)
    {
        await using var monitor = await MqttProbe.ConnectAsync(broker.ClientOptions("monitor-" + Guid.NewGuid().ToString("N")[..6], "monitor", tls: false), "lwm2m/#", "spBv1.0/#");
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(broker.ClientOptions("dev-a", "device"), TestContext.Current.CancellationToken);

        var denied = await device.PublishAsync(Message(topic, "intruder"), TestContext.Current.CancellationToken);
        var allowed = await device.PublishAsync(Message("lwm2m/dev-a/send", "marker"), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, denied.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, allowed.ReasonCode);
        await monitor.WaitForAsync(m => m.Topic == "lwm2m/dev-a/send", "the device's own publish arrives");
        Assert.Empty(monitor.On(topic));
    }

    [Theory]
    [InlineData("lwm2m/dev-a/reg")]
    [InlineData("lwm2m/dev-a/update")]
    [InlineData("lwm2m/dev-a/dereg")]
    [InlineData("lwm2m/dev-a/resp/r1")]
    [InlineData("lwm2m/dev-a/notify/o1")]
    [InlineData("lwm2m/dev-a/send")]
    [InlineData("spBv1.0/IIoT/NBIRTH/dev-a")]
    [InlineData("spBv1.0/IIoT/NDATA/dev-a")]
    [InlineData("spBv1.0/IIoT/NDEATH/dev-a")]
    [InlineData("spBv1.0/IIoT/DBIRTH/dev-a/sensor")]
    [InlineData("spBv1.0/IIoT/DDATA/dev-a/sensor")]
    [InlineData("spBv1.0/IIoT/DDEATH/dev-a/sensor")]
    public async Task Device_PublishesItsOwnUplinks(string topic)
    {
        await using var monitor = await MqttProbe.ConnectAsync(broker.ClientOptions("monitor-" + Guid.NewGuid().ToString("N")[..6], "monitor", tls: false), "lwm2m/#", "spBv1.0/#");
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(broker.ClientOptions("dev-a", "device"), TestContext.Current.CancellationToken);

        var result = await device.PublishAsync(Message(topic, "ok"), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        await monitor.WaitForAsync(m => m.Topic == topic, "the publish reaches subscribers");
    }

    [Fact]
    public async Task Device_ReceivesOnlyItsOwnDownlinks_EvenWhenSubscribedToEverything()
    {
        // Mosquitto grants any subscription and applies the read rules to every message it would deliver.
        await using var device = await MqttProbe.ConnectAsync(broker.ClientOptions("dev-a", "device"), "#");
        await using var server = await MqttProbe.ConnectAsync(broker.ClientOptions("lwm2m-server", "lwm2m-server"));
        await using var host = await MqttProbe.ConnectAsync(broker.ClientOptions("sparkplug-host", "sparkplug-host"));
        await using var otherDevice = await MqttProbe.ConnectAsync(broker.ClientOptions("dev-b", "device"));
        string[] expected = ["lwm2m/dev-a/cmd/r1", "lwm2m/dev-a/reg/ack", "lwm2m/dev-a/update/ack", "spBv1.0/IIoT/NCMD/dev-a", "spBv1.0/IIoT/DCMD/dev-a/sensor", "spBv1.0/STATE/test-host", "lwm2m/dev-a/cmd/last"];

        foreach (var topic in new[] { "lwm2m/dev-a/cmd/r1", "lwm2m/dev-a/reg/ack", "lwm2m/dev-a/update/ack", "lwm2m/dev-b/cmd/r1", "lwm2m/dev-b/reg/ack" })
        {
            await server.PublishAsync(topic, Encoding.UTF8.GetBytes("{}"));
        }
        foreach (var topic in new[] { "spBv1.0/IIoT/NCMD/dev-a", "spBv1.0/IIoT/DCMD/dev-a/sensor", "spBv1.0/IIoT/NCMD/dev-b", "spBv1.0/IIoT/DCMD/dev-b/sensor", "spBv1.0/STATE/test-host" })
        {
            await host.PublishAsync(topic, Encoding.UTF8.GetBytes("{}"));
        }
        await otherDevice.PublishAsync("lwm2m/dev-b/send", Encoding.UTF8.GetBytes("{}"));
        await otherDevice.PublishAsync("spBv1.0/IIoT/DDATA/dev-b/sensor", [0]);
        await server.PublishAsync("lwm2m/dev-a/cmd/last", Encoding.UTF8.GetBytes("{}"));

        await device.WaitForAsync(m => m.Topic == "lwm2m/dev-a/cmd/last", "the last downlink arrives");
        Assert.Equal(expected.Order(StringComparer.Ordinal), device.Received.Select(m => m.Topic).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("mqtt-kafka-bridge", "lwm2m/dev-a/cmd/r1")]
    [InlineData("mqtt-kafka-bridge", "spBv1.0/IIoT/NCMD/dev-a")]
    [InlineData("monitor", "lwm2m/dev-a/cmd/r1")]
    [InlineData("lwm2m-server", "spBv1.0/IIoT/NCMD/dev-a")]
    [InlineData("sparkplug-host", "lwm2m/dev-a/cmd/r1")]
    public async Task ServiceAccounts_CannotPublishOutsideTheirJob(string account, string topic)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(broker.ClientOptions(account + "-" + Guid.NewGuid().ToString("N")[..6], account), TestContext.Current.CancellationToken);

        var result = await client.PublishAsync(Message(topic, "no"), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
    }

    [Fact]
    public async Task Monitor_ReadsBrokerStatistics_AsTheComposeHealthcheckDoes()
    {
        var result = await ExternalCommand.RunAsync("mosquitto_sub", "Debian package mosquitto-clients",
            ["-h", "localhost", "-p", broker.PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", "monitor", "-P", ProjectMosquitto.Passwords["MQTT_MONITOR_PASSWORD"], "-t", "$SYS/broker/uptime", "-C", "1", "-W", "5"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("seconds", result.Output.Trim(), StringComparison.Ordinal);
    }

    /// <summary>The CONNACK result code, whether MQTTnet returns it or throws it.</summary>
    static async Task<string> ConnectOutcomeAsync(IMqttClient client, MqttClientOptions options)
    {
        try
        {
            return (await client.ConnectAsync(options, TestContext.Current.CancellationToken)).ResultCode.ToString();
        }
        catch (MqttConnectingFailedException refused)
        {
            return refused.Message;
        }
    }

    static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
