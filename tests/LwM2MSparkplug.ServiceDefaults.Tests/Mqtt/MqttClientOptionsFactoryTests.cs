using LwM2MSparkplug.ServiceDefaults.Mqtt;
using MQTTnet;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Mqtt;

public sealed class MqttClientOptionsFactoryTests
{
    static readonly MqttSessionDefinition Session = new() { ClientId = "buffer-check" };

    [Fact]
    public void SocketBuffers_DefaultAboveOneLoopbackSegment()
    {
        // Below 64 KiB (one loopback segment) a subscriber that fell behind once is held to a trickle by TCP's timers.
        var tcp = Assert.IsType<MqttClientTcpOptions>(MqttClientOptionsFactory.Create(new MqttConnectionOptions(), Session).ChannelOptions);

        Assert.True(tcp.BufferSize >= 64 * 1024, $"socket buffers of {tcp.BufferSize} bytes");
    }

    [Fact]
    public void SocketBuffers_AreTheConfiguredSize()
    {
        var tcp = Assert.IsType<MqttClientTcpOptions>(MqttClientOptionsFactory.Create(new MqttConnectionOptions { SocketBufferBytes = 300_000 }, Session).ChannelOptions);

        Assert.Equal(300_000, tcp.BufferSize);
    }
}
