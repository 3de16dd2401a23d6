using System.Security.Authentication;
using System.Text;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Mqtt;

public sealed class MqttConnectionTests
{
    [Fact]
    public async Task Connection_AfterTheBrokerDropsIt_ReconnectsAndSubscribesAgain()
    {
        await using var broker = await TestBroker.StartAsync();
        var received = new ReceivedPayloads();
        await using var connection = new MqttConnection(broker.ClientOptions(), new MqttSessionDefinition
        {
            ClientId = "reconnecting-client",
            Subscriptions = [MqttSessionDefinition.Subscription("probe/#")],
            OnMessage = received.OnMessage,
        }, NullLogger.Instance);
        connection.Start();
        await connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);
        await using var publisher = await MqttProbe.ConnectAsync(broker.Port, "publisher");

        await broker.Broker.Server.DisconnectClientAsync("reconnecting-client", new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.AdministrativeAction });
        await Eventually.UntilAsync(() => connection.ConnectionCount == 2 && connection.IsConnected, "the client reconnects");
        await publisher.PublishAsync("probe/after", Encoding.UTF8.GetBytes("after reconnect"));

        await Eventually.UntilAsync(() => received.Contains("after reconnect"), "the subscription was restored");
    }

    [Fact]
    public async Task Connection_WhenTheBrokerIsNotThereYet_KeepsRetryingUntilItIs()
    {
        var port = FreePorts.Next();
        var options = new MqttConnectionOptions { Host = "localhost", Port = port, ReconnectMinDelaySeconds = 0.05, ReconnectMaxDelaySeconds = 0.2, ConnectTimeoutSeconds = 2 };
        await using var connection = new MqttConnection(options, new MqttSessionDefinition { ClientId = "patient-client" }, NullLogger.Instance);
        connection.Start();
        Assert.False(connection.IsConnected);

        await using var broker = await TestBroker.StartAsync(o => o.Port = port);

        await connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.True(connection.IsConnected);
    }

    [Fact]
    public async Task BeforeConnect_IsAwaitedBeforeEveryConnect_AndHoldsItBack()
    {
        await using var broker = await TestBroker.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        await using var connection = new MqttConnection(broker.ClientOptions(), new MqttSessionDefinition
        {
            ClientId = "gated-client",
            BeforeConnect = async token =>
            {
                Interlocked.Increment(ref attempts);
                await gate.Task.WaitAsync(token);
            },
        }, NullLogger.Instance);
        connection.Start();

        await Eventually.UntilAsync(() => Volatile.Read(ref attempts) == 1, "the connection asks the gate");
        Assert.DoesNotContain(await broker.Broker.GetClientsAsync(), c => c.Id == "gated-client");
        gate.SetResult();

        await connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);
        await broker.Broker.Server.DisconnectClientAsync("gated-client", new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.AdministrativeAction });
        await Eventually.UntilAsync(() => connection.ConnectionCount == 2, "the client reconnects");
        Assert.Equal(2, Volatile.Read(ref attempts));
    }

    [Fact]
    public async Task WillFactory_IsCalledForEveryNewSession()
    {
        await using var broker = await TestBroker.StartAsync();
        var sessions = 0;
        await using var connection = new MqttConnection(broker.ClientOptions(), new MqttSessionDefinition
        {
            ClientId = "will-client",
            Will = () => new MqttWill("wills/will-client", Encoding.UTF8.GetBytes($"session {Interlocked.Increment(ref sessions)}"), MqttQualityOfServiceLevel.AtLeastOnce, false),
        }, NullLogger.Instance);
        await using var watcher = await MqttProbe.ConnectAsync(broker.Port, "will-watcher", "wills/#");
        connection.Start();
        await connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);

        await broker.Broker.Server.DisconnectClientAsync("will-client", new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.UnspecifiedError });

        var will = await watcher.WaitForAsync(m => m.Topic == "wills/will-client", "the broker publishes the will of the dropped session");
        Assert.Equal("session 1", Encoding.UTF8.GetString(will.Payload));
        await Eventually.UntilAsync(() => connection.ConnectionCount == 2, "the client reconnects");
        Assert.Equal(2, Volatile.Read(ref sessions));
    }

    [Fact]
    public async Task Connection_OverTls_TrustsTheConfiguredCa()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var connection = new MqttConnection(broker.ClientOptions(tls: true), new MqttSessionDefinition { ClientId = "tls-client" }, NullLogger.Instance);

        connection.Start();

        await connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.True(broker.Broker.IsConnectedOverTls("tls-client"));
    }

    [Fact]
    public async Task Connection_OverTls_RefusesAServerCertificateFromAnotherCa()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var other = await TestBroker.StartAsync();
        var options = broker.ClientOptions(tls: true);
        options.CaCertificate = other.CaCertificatePath;
        await using var connection = new MqttConnection(options, new MqttSessionDefinition { ClientId = "distrustful-client" }, NullLogger.Instance);

        connection.Start();

        await Assert.ThrowsAsync<TimeoutException>(() =>
            connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken));
        Assert.False(connection.IsConnected);
    }

    [Fact]
    public async Task Connection_OverTls_RefusesAServerCertificateForAnotherName()
    {
        await using var broker = await TestBroker.StartAsync();
        var options = broker.ClientOptions(tls: true);
        // The broker certificate names localhost, the machine and the loopback addresses; 127.0.0.2 reaches the
        // same listener under a name the certificate does not carry.
        options.Host = "127.0.0.2";
        using var client = new MqttClientFactory().CreateMqttClient();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            client.ConnectAsync(MqttClientOptionsFactory.Create(options, new MqttSessionDefinition { ClientId = "misdirected-client" }), TestContext.Current.CancellationToken));

        Assert.Contains(ExceptionChain.Of(refused), e => e is AuthenticationException);
    }
}
