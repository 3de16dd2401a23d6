namespace LwM2MSparkplug.Protocols.Sparkplug.Topics;

/// <summary>The message type level of a Sparkplug topic (Sparkplug 3.0 §4.1.1).</summary>
public enum SparkplugMessageType
{
    NBirth,
    NDeath,
    DBirth,
    DDeath,
    NData,
    DData,
    NCmd,
    DCmd,
    State,
}
