using System.Text;
using LwM2MSparkplug.Protocols.Sparkplug.State;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.State;

public class HostStateTests
{
    [Fact]
    public void ToJsonBytes_WritesIntegerTimestamp()
    {
        var json = Encoding.UTF8.GetString(new HostState(true, 1_700_000_000_123).ToJsonBytes());

        Assert.Equal("""{"online":true,"timestamp":1700000000123}""", json);
    }

    [Theory]
    [InlineData("""{"online":false,"timestamp":5}""", false, 5)]
    [InlineData("""{"timestamp":7,"online":true,"extra":{"a":[1]}}""", true, 7)]
    public void TryParse_ValidState(string json, bool online, long timestamp)
    {
        Assert.True(HostState.TryParse(new(Encoding.UTF8.GetBytes(json)), out var state));
        Assert.Equal(new HostState(online, timestamp), state);
    }

    [Theory]
    [InlineData("ONLINE")]
    [InlineData("""{"online":"true","timestamp":5}""")]
    [InlineData("""{"online":true,"timestamp":5.5}""")]
    [InlineData("""{"online":true}""")]
    [InlineData("""[1,2]""")]
    [InlineData("")]
    public void TryParse_InvalidState_IsRejected(string json)
    {
        Assert.False(HostState.TryParse(new(Encoding.UTF8.GetBytes(json)), out _));
    }
}
