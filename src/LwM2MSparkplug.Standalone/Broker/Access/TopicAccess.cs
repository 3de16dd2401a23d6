namespace LwM2MSparkplug.Standalone.Broker.Access;

/// <summary>The decision of <see cref="TopicAccessPolicy"/> on one publish or subscription.</summary>
public enum TopicAccess
{
    Allowed,

    /// <summary>A device's topic, but another device's (a different id where the device's own belongs).</summary>
    NotOwnTopic,

    /// <summary>Host application STATE, which only the Sparkplug host's account publishes.</summary>
    StateReservedForHost,

    /// <summary>Nothing the role may use.</summary>
    NotPermitted,
}
