using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Standalone.Broker;
using LwM2MSparkplug.Testing;
using MQTTnet;

namespace LwM2MSparkplug.Standalone.Tests.Broker.Listener;

/// <summary>Runs alone: one test measures the process's allocations, which other tests would add to.</summary>
[CollectionDefinition(nameof(BrokerFrontListenerTests), DisableParallelization = true)]
public sealed class BrokerFrontListenerCollection;

/// <summary>What the embedded broker's own listener does before MQTTnet sees a packet: size limit, client ids, TLS.</summary>
[Collection(nameof(BrokerFrontListenerTests))]
public sealed class BrokerFrontListenerTests
{
    const byte ConnAck = 0x20;
    const byte Disconnect = 0xE0;
    const byte PacketTooLarge = 0x95;

    /// <summary>A PUBLISH fixed header claiming MQTT's largest remaining length, 268,435,455 bytes (256 MiB).</summary>
    static readonly byte[] PublishClaiming256MegaBytes = [0x30, 0xFF, 0xFF, 0xFF, 0x7F];

    [Fact]
    public async Task A_publish_header_claiming_256_MB_closes_the_connection_is_counted_and_allocates_nothing_like_it()
    {
        await using var broker = await TestBroker.StartAsync();
        using var connection = await RawMqttConnection.OpenAsync(broker.Port);
        await connection.SendAsync(RawMqttConnection.Connect(4, "liar", cleanSession: true));
        Assert.Equal(ConnAck, (await connection.ReadPacketAsync())?.Header);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        await connection.SendAsync([.. PublishClaiming256MegaBytes, 0x00, 0x01, (byte)'t']);
        var after = await connection.ReadPacketAsync();

        Assert.Null(after);
        await Eventually.UntilAsync(() => broker.Broker.Statistics.RefusedPackets.GetValueOrDefault(BrokerStatistics.PacketTooLarge) == 1,
            "the refusal is counted as packet_too_large");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(allocated < 16 * 1024 * 1024, $"the process allocated {allocated:N0} bytes while refusing the packet");
    }

    [Fact]
    public async Task An_MQTT5_client_is_told_the_maximum_packet_size_and_gets_disconnect_packet_too_large()
    {
        await using var broker = await TestBroker.StartAsync(options => options.MaxPacketBytes = 64 * 1024);
        using var connection = await RawMqttConnection.OpenAsync(broker.Port);
        await connection.SendAsync(RawMqttConnection.Connect(5, "mqtt5-liar", cleanSession: true));
        var connAck = await connection.ReadPacketAsync();
        Assert.Equal(ConnAck, connAck?.Header);
        Assert.Equal(64u * 1024, MqttV5Properties.ReadConnAck(connAck!.Value.Body).MaximumPacketSize);

        // Only the header: with nothing unread left behind, the broker's close is a FIN, not a reset that could swallow the DISCONNECT.
        await connection.SendAsync([0x30, .. RawMqttConnection.RemainingLength(64 * 1024)]);
        var disconnect = await connection.ReadPacketAsync();

        Assert.Equal(Disconnect, disconnect?.Header);
        Assert.Equal(PacketTooLarge, disconnect!.Value.Body[0]);
        Assert.Null(await connection.ReadPacketAsync());
        await Eventually.UntilAsync(() => broker.Broker.Statistics.RefusedPackets.GetValueOrDefault(BrokerStatistics.PacketTooLarge) == 1,
            "the refusal is counted as packet_too_large");
    }

    [Fact]
    public async Task A_remaining_length_longer_than_four_bytes_is_refused_as_malformed()
    {
        await using var broker = await TestBroker.StartAsync();
        using var connection = await RawMqttConnection.OpenAsync(broker.Port);

        await connection.SendAsync([0x10, 0x80, 0x80, 0x80, 0x80, 0x01]);

        Assert.Null(await connection.ReadPacketAsync());
        await Eventually.UntilAsync(() => broker.Broker.Statistics.RefusedPackets.GetValueOrDefault(BrokerStatistics.MalformedRemainingLength) == 1,
            "the refusal is counted as malformed_remaining_length");
    }

    [Fact]
    public async Task Packets_up_to_the_maximum_still_pass()
    {
        await using var broker = await TestBroker.StartAsync(options => options.MaxPacketBytes = 64 * 1024);
        await using var subscriber = await MqttProbe.ConnectAsync(broker.Port, "subscriber", "spBv1.0/#");
        await using var publisher = await MqttProbe.ConnectAsync(broker.Port, "publisher");

        await publisher.PublishAsync("spBv1.0/G/DDATA/node", new byte[60 * 1024]);

        await subscriber.WaitForAsync(m => m.Payload.Length == 60 * 1024, "the 60 KiB message arrives whole");
        Assert.Empty(broker.Broker.Statistics.RefusedPackets);
    }

    [Fact]
    public async Task An_MQTT311_client_with_an_empty_client_id_and_a_clean_session_is_assigned_one()
    {
        await using var broker = await TestBroker.StartAsync();
        using var connection = await RawMqttConnection.OpenAsync(broker.Port);

        await connection.SendAsync(RawMqttConnection.Connect(4, "", cleanSession: true));
        var connAck = await connection.ReadPacketAsync();

        Assert.Equal(ConnAck, connAck?.Header);
        Assert.Equal(0x00, connAck!.Value.Body[1]);
        var client = Assert.Single(await broker.Broker.GetClientsAsync());
        Assert.False(string.IsNullOrEmpty(client.Id));
    }

    [Fact]
    public async Task An_MQTT311_client_with_an_empty_client_id_and_a_persistent_session_is_refused_identifier_rejected()
    {
        await using var broker = await TestBroker.StartAsync();
        using var connection = await RawMqttConnection.OpenAsync(broker.Port);

        await connection.SendAsync(RawMqttConnection.Connect(4, "", cleanSession: false));
        var connAck = await connection.ReadPacketAsync();

        // MQTT 3.1.1 §3.1.3.1 [MQTT-3.1.3-8]: return code 0x02, identifier rejected.
        Assert.Equal(ConnAck, connAck?.Header);
        Assert.Equal(0x02, connAck!.Value.Body[1]);
        Assert.Equal(1, broker.Broker.Statistics.RefusedConnections);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_MQTT5_client_with_an_empty_client_id_gets_an_assigned_client_identifier(bool cleanStart)
    {
        await using var broker = await TestBroker.StartAsync();
        using var connection = await RawMqttConnection.OpenAsync(broker.Port);

        await connection.SendAsync(RawMqttConnection.Connect(5, "", cleanStart));
        var connAck = await connection.ReadPacketAsync();

        Assert.Equal(ConnAck, connAck?.Header);
        Assert.Equal(0x00, connAck!.Value.Body[1]);
        var assigned = MqttV5Properties.ReadConnAck(connAck.Value.Body).AssignedClientIdentifier;
        Assert.False(string.IsNullOrEmpty(assigned));
        Assert.Equal(assigned, Assert.Single(await broker.Broker.GetClientsAsync()).Id);
    }

    [Fact]
    public async Task Tls_clients_connect_with_the_development_CA_and_are_known_as_secure()
    {
        await using var broker = await TestBroker.StartAsync();
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = MqttClientOptionsFactory.Create(broker.ClientOptions(tls: true), new MqttSessionDefinition { ClientId = "tls-client" });

        var result = await client.ConnectAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        Assert.True(broker.Broker.IsConnectedOverTls("tls-client"));
    }
}
