using System.Security.Cryptography.X509Certificates;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Standalone.Broker;
using LwM2MSparkplug.Standalone.Broker.Access;
using LwM2MSparkplug.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Access;

/// <summary>The embedded broker with authentication on: identities from certificates and accounts, client ids, topic rights.</summary>
public sealed class BrokerAccessTests : IAsyncLifetime
{
    const string People = "monitor";
    const string PeoplePassword = "people-secret";

    TestBroker _broker = null!;
    X509Certificate2 _brokerCa = null!;

    BrokerStatistics Statistics => _broker.Broker.Statistics;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.StartAsync(options =>
        {
            options.RequireAuthentication = true;
            options.Username = People;
            options.Password = PeoplePassword;
        });
        _brokerCa = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_broker.CaCertificatePath, TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _brokerCa.Dispose();
        await _broker.DisposeAsync();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_device_that_sends_another_devices_client_id_is_known_by_its_certificate_and_does_not_take_over(MqttProtocolVersion version)
    {
        await using var deviceB = await MqttProbe.ConnectAsync(Device("dev-b", "dev-b", version));
        using var deviceA = new MqttClientFactory().CreateMqttClient();

        var result = await deviceA.ConnectAsync(Device("dev-a", clientId: "dev-b", version), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Equal("dev-a", result.AssignedClientIdentifier);
        }
        await Eventually.UntilAsync(async () => (await _broker.Broker.GetClientsAsync()).Select(c => c.Id).Order().SequenceEqual(["dev-a", "dev-b"]),
            "the broker knows dev-a by its certificate and still has dev-b");
        Assert.True(deviceB.Client.IsConnected);
    }

    [Fact]
    public async Task A_device_cannot_publish_into_or_subscribe_to_another_devices_topics_and_each_refusal_is_counted()
    {
        await using var watcher = await MqttProbe.ConnectAsync(Account(People, PeoplePassword, "watcher"), "#");
        await using var deviceA = await MqttProbe.ConnectAsync(Device("dev-a", "dev-a"));

        var forgedData = await deviceA.Client.PublishStringAsync("spBv1.0/G/NDATA/dev-b", "forged", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        var forgedRegister = await deviceA.Client.PublishStringAsync("lwm2m/dev-b/reg", "{}", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        var forgedCommand = await deviceA.Client.PublishStringAsync("lwm2m/dev-b/cmd/1", "{}", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        var subscription = await deviceA.Client.SubscribeAsync("lwm2m/dev-b/cmd/+", cancellationToken: TestContext.Current.CancellationToken);
        await deviceA.PublishAsync("lwm2m/dev-a/reg", "{}"u8.ToArray());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forgedData.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forgedRegister.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forgedCommand.ReasonCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, Assert.Single(subscription.Items).ResultCode);
        await watcher.WaitForAsync(m => m.Topic == "lwm2m/dev-a/reg", "the device's own registration arrives");
        Assert.DoesNotContain(watcher.Received, m => m.Topic.Contains("dev-b", StringComparison.Ordinal));
        Assert.Equal(2, Statistics.RefusedPublishes[BrokerStatistics.NotOwnTopic]);
        Assert.Equal(1, Statistics.RefusedPublishes[BrokerStatistics.NotPermitted]);
        Assert.Equal(1, Statistics.RefusedSubscriptions[BrokerStatistics.NotOwnTopic]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_with_neither_certificate_nor_password_is_refused(bool tls)
    {
        var builder = new MqttClientOptionsBuilder().WithTcpServer("localhost", tls ? _broker.TlsPort : _broker.Port).WithClientId("dev-b").WithProtocolVersion(MqttProtocolVersion.V500);
        if (tls)
        {
            builder.WithTlsOptions(TrustBroker);
        }

        var result = await ConnectOnceAsync(builder.Build());

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.Equal(1, Statistics.RefusedConnectionsByReason[BrokerStatistics.NoCredentials]);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_certificate_from_another_CA_is_refused_at_connect_and_says_why(MqttProtocolVersion version)
    {
        using var otherDirectory = new TemporaryDirectory();
        using var otherCa = LwM2MSparkplug.Certificates.DevelopmentCertificateAuthority.LoadOrCreate(otherDirectory.Path);
        using var stranger = otherCa.IssueClientCertificate("dev-b", TimeSpan.FromDays(1));

        var result = await ConnectOnceAsync(Device(stranger, "dev-b", version));

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result.ResultCode);
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Contains("device CA", result.ReasonString, StringComparison.Ordinal);
        }
        Assert.Equal(1, Statistics.RefusedConnectionsByReason[BrokerStatistics.CertificateNotTrusted]);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_password_account_cannot_take_a_device_client_id(MqttProtocolVersion version)
    {
        await using var deviceB = await MqttProbe.ConnectAsync(Device("dev-b", "dev-b"));
        using var person = new MqttClientFactory().CreateMqttClient();

        var result = await person.ConnectAsync(Account(People, PeoplePassword, "dev-b", version), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        await Eventually.UntilAsync(async () => (await _broker.Broker.GetClientsAsync()).Select(c => c.Id).Order().SequenceEqual(["dev-b", People]),
            "the account is known by its user name and dev-b stays");
        Assert.True(deviceB.Client.IsConnected);
    }

    [Fact]
    public async Task Only_the_host_account_publishes_state()
    {
        var accounts = _broker.Broker.Accounts!;
        await using var watcher = await MqttProbe.ConnectAsync(Account(People, PeoplePassword, "watcher"), "spBv1.0/STATE/+");
        await using var server = await MqttProbe.ConnectAsync(Account(BrokerAccounts.Lwm2mServer, accounts.PasswordOf(BrokerAccounts.Lwm2mServer), "x"));
        await using var host = await MqttProbe.ConnectAsync(Account(BrokerAccounts.SparkplugHost, accounts.PasswordOf(BrokerAccounts.SparkplugHost), "x"));

        var forged = await server.Client.PublishStringAsync("spBv1.0/STATE/host-1", "{\"online\":false}", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
        await host.PublishAsync("spBv1.0/STATE/host-1", "{\"online\":true}"u8.ToArray());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        var state = await watcher.WaitForAsync(m => m.Topic == "spBv1.0/STATE/host-1", "the host's STATE arrives");
        Assert.Equal("{\"online\":true}"u8.ToArray(), state.Payload);
        Assert.Single(watcher.Received);
        Assert.Equal(1, Statistics.RefusedPublishes[BrokerStatistics.StateReservedForHost]);
    }

    [Fact]
    public async Task The_lwm2m_server_account_reads_registrations_and_sends_commands_to_a_device()
    {
        var password = _broker.Broker.Accounts!.PasswordOf(BrokerAccounts.Lwm2mServer);
        await using var server = await MqttProbe.ConnectAsync(Account(BrokerAccounts.Lwm2mServer, password, BrokerAccounts.Lwm2mServer), "lwm2m/+/reg");
        await using var device = await MqttProbe.ConnectAsync(Device("dev-a", "dev-a"), "lwm2m/dev-a/cmd/+");

        await device.PublishAsync("lwm2m/dev-a/reg", "{}"u8.ToArray());
        await server.WaitForAsync(m => m.Topic == "lwm2m/dev-a/reg", "the server receives the registration");
        await server.PublishAsync("lwm2m/dev-a/cmd/1", "{}"u8.ToArray());

        await device.WaitForAsync(m => m.Topic == "lwm2m/dev-a/cmd/1", "the device receives the command");
        Assert.Empty(Statistics.RefusedPublishes);
        Assert.Empty(Statistics.RefusedSubscriptions);
    }

    MqttClientOptions Device(string commonName, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500) =>
        Device(_broker.Broker.DeviceAuthority!.IssueClientCertificate(commonName, TimeSpan.FromDays(1)), clientId, version);

    MqttClientOptions Device(X509Certificate2 certificate, string clientId, MqttProtocolVersion version) =>
        new MqttClientOptionsBuilder().WithTcpServer("localhost", _broker.TlsPort).WithClientId(clientId).WithProtocolVersion(version)
            .WithTlsOptions(tls => TrustBroker(tls.WithClientCertificates([certificate])))
            .Build();

    MqttClientOptions Account(string userName, string password, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500) =>
        new MqttClientOptionsBuilder().WithTcpServer("localhost", _broker.Port).WithClientId(clientId).WithProtocolVersion(version)
            .WithCredentials(userName, password)
            .Build();

    void TrustBroker(MqttClientTlsOptionsBuilder tls) =>
        tls.UseTls().WithTargetHost("localhost")
            .WithTrustChain([_brokerCa]).WithIgnoreCertificateRevocationErrors(true);

    static async Task<MqttClientConnectResult> ConnectOnceAsync(MqttClientOptions options)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        return await client.ConnectAsync(options, TestContext.Current.CancellationToken);
    }
}
