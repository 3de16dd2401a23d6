namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>A template parameter: a named scalar value (Sparkplug 3.0 §6.4.9).</summary>
public sealed record SparkplugTemplateParameter(string Name, MetricValue Value);
