namespace LwM2MSparkplug.KafkaBridge.Records;

/// <summary>How Sparkplug payloads are written to Kafka.</summary>
public enum SparkplugValueFormat
{
    /// <summary>JSON with names and datatypes resolved from the births (readable with <c>rpk topic consume</c>).</summary>
    Json,
    /// <summary>The protobuf bytes as received.</summary>
    Protobuf,
}
