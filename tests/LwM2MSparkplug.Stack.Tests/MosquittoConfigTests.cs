using System.Text;
using LwM2MSparkplug.Certificates;
using LwM2MSparkplug.Testing;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>The project's mosquitto.conf, ACL and password script, in the real broker.</summary>
public sealed class MosquittoConfigTests(ProjectMosquitto broker) : IClassFixture<ProjectMosquitto>
{
    [Fact]
    public async Task DeviceListener_AcceptsADeviceWithACertificateOfTheDeviceIssuingCa()
    {
        using var certificate = broker.DeviceCertificate("tls-dev");
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(broker.DeviceClientOptions("tls-dev", certificate), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
    }

    [Fact]
    public async Task DeviceListener_RefusesADeviceWithoutACertificate()
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var outcome = await ConnectOutcomeAsync(client, broker.DeviceClientOptions("no-cert", certificate: null));

        Assert.NotEqual(nameof(MqttClientConnectResultCode.Success), outcome);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task DeviceListener_RefusesACertificateOfAnotherCa()
    {
        using var elsewhere = new TemporaryDirectory();
        using var foreign = DevelopmentCertificateAuthority.LoadOrCreate(elsewhere.Path, name: "Somebody Else's CA");
        using var certificate = foreign.IssueClientCertificate("dev-b", TimeSpan.FromHours(1));
        using var client = new MqttClientFactory().CreateMqttClient();

        var outcome = await ConnectOutcomeAsync(client, broker.DeviceClientOptions("dev-b", certificate));

        Assert.NotEqual(nameof(MqttClientConnectResultCode.Success), outcome);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Device_GetsTheClientIdOfItsCertificate_WhateverItSends_AndCannotActAsAnother()
    {
        var b = "dev-b-" + Guid.NewGuid().ToString("N")[..6];
        var a = "dev-a-" + Guid.NewGuid().ToString("N")[..6];
        await using var monitor = await MqttProbe.ConnectAsync(broker.ClientOptions("monitor", "monitor", tls: false), "lwm2m/#", "spBv1.0/#");
        await using var deviceB = await ConnectDeviceAsync(b, b, will: $"spBv1.0/IIoT/NDEATH/{b}");
        using var certificateA = broker.DeviceCertificate(a);
        using var deviceA = new MqttClientFactory().CreateMqttClient();

        // A claims B's client id: the broker gives it A's, so B keeps its session and its will does not fire.
        await deviceA.ConnectAsync(broker.DeviceClientOptions(b, certificateA), TestContext.Current.CancellationToken);
        await deviceB.Client.PingAsync(TestContext.Current.CancellationToken);
        Assert.True(deviceB.Client.IsConnected, "B was not kicked off");
        // A's session is named by A's certificate: a second connection with it, sending yet another id, replaces it.
        using var secondA = new MqttClientFactory().CreateMqttClient();
        await secondA.ConnectAsync(broker.DeviceClientOptions("something-else", certificateA), TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(() => !deviceA.IsConnected, "the first connection with A's certificate is taken over by the second");
        Assert.True(deviceB.Client.IsConnected, "B is still connected");

        var intoB = await secondA.PublishAsync(Message($"lwm2m/{b}/dereg", "forged"), TestContext.Current.CancellationToken);
        var deathOfB = await secondA.PublishAsync(Message($"spBv1.0/IIoT/NDEATH/{b}", "forged"), TestContext.Current.CancellationToken);
        var own = await secondA.PublishAsync(Message($"lwm2m/{a}/send", "marker"), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, intoB.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, deathOfB.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        await monitor.WaitForAsync(m => m.Topic == $"lwm2m/{a}/send", "A's own publish arrives");
        Assert.Empty(monitor.On($"lwm2m/{b}/dereg"));
        Assert.Empty(monitor.On($"spBv1.0/IIoT/NDEATH/{b}"));
    }

    [Theory]
    [InlineData("lwm2m-server", true)]
    [InlineData("sparkplug-host", true)]
    [InlineData("mqtt-kafka-bridge", true)]
    [InlineData("monitor", false)]
    public async Task PasswordAccount_CannotTakeADevicesClientId(string account, bool tls)
    {
        var b = "dev-b-" + Guid.NewGuid().ToString("N")[..6];
        await using var deviceB = await ConnectDeviceAsync(b, b, will: $"spBv1.0/IIoT/NDEATH/{b}");
        using var intruder = new MqttClientFactory().CreateMqttClient();

        await intruder.ConnectAsync(broker.ClientOptions(b, account, tls), TestContext.Current.CancellationToken);

        await deviceB.Client.PingAsync(TestContext.Current.CancellationToken);
        Assert.True(deviceB.Client.IsConnected, "B was not kicked off");
        var intoB = await intruder.PublishAsync(Message($"lwm2m/{b}/reg", "forged"), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, intoB.ReasonCode);

        // The session is named after the account: the same account with yet another id replaces it.
        using var again = new MqttClientFactory().CreateMqttClient();
        await again.ConnectAsync(broker.ClientOptions("something-else", account, tls), TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(() => !intruder.IsConnected, "the account's first session is taken over by its second");
        Assert.True(deviceB.Client.IsConnected, "B is still connected");
    }

    [Fact]
    public async Task TwoBridgeReplicas_EachWithItsAccount_ShareTheTrafficWithoutTakingOverEachOther()
    {
        var deviceId = "dev-" + Guid.NewGuid().ToString("N")[..6];
        // Both replicas send the same client id, as two replicas with one configuration would.
        await using var first = await MqttProbe.ConnectAsync(broker.ClientOptions("mqtt-kafka-bridge-host", "mqtt-kafka-bridge"), "$share/kafka-bridge/lwm2m/#");
        await using var second = await MqttProbe.ConnectAsync(broker.ClientOptions("mqtt-kafka-bridge-host", "mqtt-kafka-bridge-2"), "$share/kafka-bridge/lwm2m/#");
        await using var device = await ConnectDeviceAsync(deviceId, deviceId);

        for (var i = 0; i < 20; i++)
        {
            await device.PublishAsync($"lwm2m/{deviceId}/send", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await Eventually.UntilAsync(() => first.Received.Count + second.Received.Count == 20, "every message reaches one replica");
        Assert.True(first.Client.IsConnected && second.Client.IsConnected, "neither replica took over the other's session");
        Assert.NotEmpty(first.Received);
        Assert.NotEmpty(second.Received);
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

        var outcome = await ConnectOutcomeAsync(client, broker.ClientOptions("guess", "monitor", password: "wrong"));

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
        await using var monitor = await MqttProbe.ConnectAsync(broker.ClientOptions("monitor", "monitor", tls: false), "lwm2m/#", "spBv1.0/#");
        using var certificate = broker.DeviceCertificate("dev-a");
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(broker.DeviceClientOptions("dev-a", certificate), TestContext.Current.CancellationToken);

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
    [InlineData("lwm2m/dev-a/send/s-1")]
    [InlineData("spBv1.0/IIoT/NBIRTH/dev-a")]
    [InlineData("spBv1.0/IIoT/NDATA/dev-a")]
    [InlineData("spBv1.0/IIoT/NDEATH/dev-a")]
    [InlineData("spBv1.0/IIoT/DBIRTH/dev-a/sensor")]
    [InlineData("spBv1.0/IIoT/DDATA/dev-a/sensor")]
    [InlineData("spBv1.0/IIoT/DDEATH/dev-a/sensor")]
    public async Task Device_PublishesItsOwnUplinks(string topic)
    {
        await using var monitor = await MqttProbe.ConnectAsync(broker.ClientOptions("monitor", "monitor", tls: false), "lwm2m/#", "spBv1.0/#");
        using var certificate = broker.DeviceCertificate("dev-a");
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(broker.DeviceClientOptions("dev-a", certificate), TestContext.Current.CancellationToken);

        var result = await device.PublishAsync(Message(topic, "ok"), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        await monitor.WaitForAsync(m => m.Topic == topic, "the publish reaches subscribers");
    }

    [Fact]
    public async Task Device_ReceivesOnlyItsOwnDownlinks_EvenWhenSubscribedToEverything()
    {
        // Mosquitto grants any subscription and applies the read rules to every message it would deliver.
        await using var device = await ConnectDeviceAsync("dev-a", "dev-a", subscriptions: "#");
        await using var server = await MqttProbe.ConnectAsync(broker.ClientOptions("lwm2m-server", "lwm2m-server"));
        await using var host = await MqttProbe.ConnectAsync(broker.ClientOptions("sparkplug-host", "sparkplug-host"));
        await using var otherDevice = await ConnectDeviceAsync("dev-b", "dev-b");
        string[] expected = ["lwm2m/dev-a/cmd/r1", "lwm2m/dev-a/reg/ack", "lwm2m/dev-a/update/ack", "lwm2m/dev-a/dereg/ack", "lwm2m/dev-a/send/s-1/ack", "spBv1.0/IIoT/NCMD/dev-a", "spBv1.0/IIoT/DCMD/dev-a/sensor", "spBv1.0/STATE/test-host", "lwm2m/dev-a/cmd/last"];

        foreach (var topic in new[] { "lwm2m/dev-a/cmd/r1", "lwm2m/dev-a/reg/ack", "lwm2m/dev-a/update/ack", "lwm2m/dev-a/dereg/ack", "lwm2m/dev-a/send/s-1/ack", "lwm2m/dev-b/cmd/r1", "lwm2m/dev-b/reg/ack", "lwm2m/dev-b/send/s-1/ack" })
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
    [InlineData("lwm2m-server", "spBv1.0/STATE/lwm2m-sparkplug-host")]
    [InlineData("mqtt-kafka-bridge", "spBv1.0/STATE/lwm2m-sparkplug-host")]
    [InlineData("monitor", "spBv1.0/STATE/lwm2m-sparkplug-host")]
    [InlineData("lwm2m-server", "lwm2m/dev-a/reg")]
    [InlineData("sparkplug-host", "spBv1.0/IIoT/NDEATH/dev-a")]
    public async Task ServiceAccounts_CannotPublishOutsideTheirJob(string account, string topic)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(broker.ClientOptions(account, account), TestContext.Current.CancellationToken);

        var result = await client.PublishAsync(Message(topic, "no"), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
    }

    [Fact]
    public async Task Healthcheck_ReadsBrokerStatistics_AsTheComposeHealthcheckDoes()
    {
        var result = await ExternalCommand.RunAsync("mosquitto_sub", "Debian package mosquitto-clients",
            ["-h", "localhost", "-p", broker.PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", "healthcheck", "-P", ProjectMosquitto.Passwords["MQTT_HEALTHCHECK_PASSWORD"], "-t", "$SYS/broker/uptime", "-C", "1", "-W", "5"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("seconds", result.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandEnrolment_AsDocumented_JoinsAsTheCertificatesDevice()
    {
        using var work = new TemporaryDirectory();
        File.Copy(broker.DeviceCaCertificatePath, Path.Combine(work.Path, "device-ca.crt"));
        File.Copy(broker.DeviceCaKeyPath, Path.Combine(work.Path, "device-ca.key"));
        File.Copy(broker.CaCertificatePath, Path.Combine(work.Path, "ca.crt"));
        var documented = File.ReadLines(RepositoryPaths.Combine("docs", "broker-identities.md"))
            .Where(line => line.StartsWith("openssl ", StringComparison.Ordinal) || line.StartsWith("mosquitto_pub ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, documented.Count);
        await using var monitor = await MqttProbe.ConnectAsync(broker.ClientOptions("monitor", "monitor", tls: false), "lwm2m/#");

        foreach (var line in documented)
        {
            var command = line.Replace("-p 8884", "-p " + broker.DevicePort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var result = await ExternalCommand.RunAsync("sh", "a POSIX shell", ["-c", $"cd '{work.Path}' && {command}"]);
            Assert.True(result.ExitCode == 0, line + "\n" + result);
        }

        await monitor.WaitForAsync(m => m.Topic == "lwm2m/my-device/send", "the hand-enrolled device's Send arrives");
    }

    /// <summary>A device on the device listener with a certificate for <paramref name="identity"/>, sending <paramref name="clientId"/>.</summary>
    async Task<MqttProbe> ConnectDeviceAsync(string identity, string clientId, string? will = null, params string[] subscriptions)
    {
        var options = broker.DeviceClientOptions(clientId, broker.DeviceCertificate(identity));
        if (will is not null)
        {
            options.WillTopic = will;
            options.WillPayload = Encoding.UTF8.GetBytes("died");
        }
        return await MqttProbe.ConnectAsync(options, subscriptions);
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
        catch (MqttCommunicationException failed)
        {
            // Refused during the TLS handshake, before any CONNACK.
            return failed.Message;
        }
    }

    static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
