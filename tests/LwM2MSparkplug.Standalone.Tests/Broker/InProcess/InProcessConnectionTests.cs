using System.Text;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace LwM2MSparkplug.Standalone.Tests.Broker.InProcess;

/// <summary>The standalone's services reach its embedded broker in memory; everyone else still over sockets.</summary>
public sealed class InProcessConnectionTests : IAsyncLifetime
{
    TestBroker _broker = null!;

    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task A_service_connected_in_memory_exchanges_messages_with_devices_on_sockets()
    {
        var received = new ReceivedPayloads();
        var options = _broker.ClientOptions();
        options.ClientAdapterFactory = _broker.Broker.InProcessClients;
        await using var service = new MqttConnection(options, new MqttSessionDefinition
        {
            ClientId = "service",
            Subscriptions = [MqttSessionDefinition.Subscription("devices/+/data")],
            OnMessage = received.OnMessage,
        }, NullLogger.Instance);
        service.Start();
        await service.WaitUntilConnectedAsync(Cancellation).WaitAsync(TimeSpan.FromSeconds(15), Cancellation);
        await using var device = await MqttProbe.ConnectAsync(_broker.Port, "device-1", "devices/device-1/commands");

        await device.PublishAsync("devices/device-1/data", Encoding.UTF8.GetBytes("21.5"));
        var command = await service.Client.PublishStringAsync("devices/device-1/commands", "reboot", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: Cancellation);

        Assert.True(command.IsSuccess);
        await device.WaitForAsync(m => m.Topic == "devices/device-1/commands" && Encoding.UTF8.GetString(m.Payload) == "reboot", "the device gets the service's command");
        await Eventually.UntilAsync(() => received.Contains("21.5"), "the service gets the device's data");
        var clients = await _broker.Broker.GetClientsAsync();
        Assert.StartsWith("in-process:", clients.Single(c => c.Id == "service").RemoteEndPoint.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("in-process:", clients.Single(c => c.Id == "device-1").RemoteEndPoint.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_over_tls_keeps_its_socket()
    {
        var options = _broker.ClientOptions(tls: true);
        options.ClientAdapterFactory = _broker.Broker.InProcessClients;
        await using var client = new MqttConnection(options, new MqttSessionDefinition { ClientId = "tls-service" }, NullLogger.Instance);

        client.Start();

        await client.WaitUntilConnectedAsync(Cancellation).WaitAsync(TimeSpan.FromSeconds(15), Cancellation);
        Assert.True(_broker.Broker.IsConnectedOverTls("tls-service"));
    }

    [Fact]
    public async Task A_service_loses_its_in_memory_connection_when_the_broker_stops_and_is_refused_while_it_is_down()
    {
        var options = _broker.ClientOptions();
        options.ClientAdapterFactory = _broker.Broker.InProcessClients;
        var factory = _broker.Broker.InProcessClients;
        await using var service = new MqttConnection(options, new MqttSessionDefinition { ClientId = "service" }, NullLogger.Instance);
        service.Start();
        await service.WaitUntilConnectedAsync(Cancellation).WaitAsync(TimeSpan.FromSeconds(15), Cancellation);

        await _broker.StopAsync();

        await Eventually.UntilAsync(() => !service.IsConnected, "the service sees the connection end");
        using var late = new MqttClientFactory().CreateMqttClient(factory);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            late.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("localhost", options.Port).WithTimeout(TimeSpan.FromSeconds(5)).Build(), Cancellation));
        Assert.Contains(ExceptionChain.Of(refused), e => e.Message.Contains("not running", StringComparison.Ordinal));
    }
}
