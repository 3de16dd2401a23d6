using LwM2MSparkplug.Protocols.Sparkplug.Topics;

namespace LwM2MSparkplug.Protocols.Tests.Sparkplug.Topics;

public class SparkplugTopicTests
{
    [Theory]
    [InlineData("spBv1.0/IIoT/NBIRTH/edge-1", SparkplugMessageType.NBirth, "IIoT", "edge-1", null)]
    [InlineData("spBv1.0/IIoT/NDEATH/edge-1", SparkplugMessageType.NDeath, "IIoT", "edge-1", null)]
    [InlineData("spBv1.0/IIoT/NDATA/edge-1", SparkplugMessageType.NData, "IIoT", "edge-1", null)]
    [InlineData("spBv1.0/IIoT/NCMD/edge-1", SparkplugMessageType.NCmd, "IIoT", "edge-1", null)]
    [InlineData("spBv1.0/IIoT/DBIRTH/edge-1/sensor", SparkplugMessageType.DBirth, "IIoT", "edge-1", "sensor")]
    [InlineData("spBv1.0/IIoT/DDEATH/edge-1/sensor", SparkplugMessageType.DDeath, "IIoT", "edge-1", "sensor")]
    [InlineData("spBv1.0/IIoT/DDATA/edge-1/sensor", SparkplugMessageType.DData, "IIoT", "edge-1", "sensor")]
    [InlineData("spBv1.0/IIoT/DCMD/edge-1/sensor", SparkplugMessageType.DCmd, "IIoT", "edge-1", "sensor")]
    public void TryParse_ValidTopic_RoundTripsThroughToString(string text, SparkplugMessageType type, string group, string edge, string? device)
    {
        Assert.True(SparkplugTopic.TryParse(text, out var topic, out var error));

        Assert.Equal(SparkplugTopicError.None, error);
        Assert.Equal(type, topic.MessageType);
        Assert.Equal(group, topic.GroupId);
        Assert.Equal(edge, topic.EdgeNodeId);
        Assert.Equal(device, topic.DeviceId);
        Assert.Equal(text, topic.ToString());
    }

    [Fact]
    public void TryParse_StateTopic_CarriesHostId()
    {
        Assert.True(SparkplugTopic.TryParse("spBv1.0/STATE/scada-host", out var topic));

        Assert.Equal(SparkplugMessageType.State, topic.MessageType);
        Assert.Equal("scada-host", topic.HostId);
        Assert.Equal("spBv1.0/STATE/scada-host", topic.ToString());
    }

    [Theory]
    [InlineData("spAv1.0/IIoT/NBIRTH/edge-1", SparkplugTopicError.WrongNamespace)]
    [InlineData("STATE/host", SparkplugTopicError.WrongNamespace)]
    [InlineData("spBv1.0/IIoT/NBIRTH", SparkplugTopicError.WrongLevelCount)]
    [InlineData("spBv1.0/IIoT/NBIRTH/edge-1/device", SparkplugTopicError.WrongLevelCount)]
    [InlineData("spBv1.0/IIoT/DBIRTH/edge-1", SparkplugTopicError.WrongLevelCount)]
    [InlineData("spBv1.0/IIoT/DDATA/edge-1/sensor/extra", SparkplugTopicError.WrongLevelCount)]
    [InlineData("spBv1.0/STATE/host/extra", SparkplugTopicError.WrongLevelCount)]
    [InlineData("spBv1.0/IIoT/BIRTH/edge-1", SparkplugTopicError.UnknownMessageType)]
    [InlineData("spBv1.0/IIoT/nbirth/edge-1", SparkplugTopicError.UnknownMessageType)]
    [InlineData("spBv1.0//NBIRTH/edge-1", SparkplugTopicError.EmptyId)]
    [InlineData("spBv1.0/IIoT/NBIRTH/", SparkplugTopicError.EmptyId)]
    [InlineData("spBv1.0/+/NBIRTH/edge-1", SparkplugTopicError.InvalidCharacterInId)]
    [InlineData("spBv1.0/IIoT/NBIRTH/#", SparkplugTopicError.InvalidCharacterInId)]
    [InlineData("spBv1.0/IIoT/DDATA/edge-1/+", SparkplugTopicError.InvalidCharacterInId)]
    public void TryParse_InvalidTopic_IsRejectedWithReason(string text, SparkplugTopicError expected)
    {
        Assert.False(SparkplugTopic.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("a+b")]
    [InlineData("a/b")]
    [InlineData("#")]
    [InlineData("")]
    public void ForNode_InvalidEdgeNodeId_Throws(string edgeNodeId)
    {
        Assert.Throws<ArgumentException>(() => SparkplugTopic.ForNode("IIoT", SparkplugMessageType.NData, edgeNodeId));
    }

    [Fact]
    public void ForNode_DeviceMessageType_Throws()
    {
        Assert.Throws<ArgumentException>(() => SparkplugTopic.ForNode("IIoT", SparkplugMessageType.DData, "edge"));
    }

    [Fact]
    public void ForDevice_FormatsFiveLevels()
    {
        var topic = SparkplugTopic.ForDevice("G", SparkplugMessageType.DCmd, "E", "D");

        Assert.Equal("spBv1.0/G/DCMD/E/D", topic.ToString());
    }
}
