namespace LwM2MSparkplug.Protocols.Sparkplug.Topics;

/// <summary>Why a topic is not a valid Sparkplug B topic. Used as the metric reason label.</summary>
public enum SparkplugTopicError
{
    None,
    WrongNamespace,
    WrongLevelCount,
    UnknownMessageType,
    EmptyId,
    InvalidCharacterInId,
}
