namespace LwM2MSparkplug.Protocols.Mqtt;

/// <summary>A topic filter a protocol core needs its connection subscribed to.</summary>
public readonly record struct TopicSubscription(string Filter, QualityOfService QualityOfService);
