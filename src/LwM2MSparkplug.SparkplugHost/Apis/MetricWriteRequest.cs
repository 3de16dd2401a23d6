using System.Text.Json;

namespace LwM2MSparkplug.SparkplugHost.Apis;

/// <summary>Body of a metric write: <c>{"value": …}</c> in the metric's datatype (arrays as JSON arrays, bytes as base64).</summary>
public sealed record MetricWriteRequest(JsonElement Value);

/// <summary>What a write or rebirth request sent.</summary>
public sealed record CommandSent(string Topic, string? MetricName, ulong? Alias, string? Datatype);
