namespace LwM2MSparkplug.KafkaBridge.Routing;

/// <summary>MQTT messages matching <see cref="Filter"/> go to Kafka topic <see cref="Topic"/>.</summary>
public sealed record TopicRoute(string Filter, string Topic);
