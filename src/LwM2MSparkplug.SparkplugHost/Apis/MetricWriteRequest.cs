using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace LwM2MSparkplug.SparkplugHost.Apis;

/// <summary>Body of a metric write: <c>{"value": …}</c> in the metric's datatype (arrays as JSON arrays, bytes as base64).</summary>
public sealed record MetricWriteRequest(JsonElement Value)
{
    /// <summary>Reads a parsed body: a JSON object with a <c>value</c> member; anything else is refused, with why.</summary>
    public static bool TryRead(JsonElement body, [NotNullWhen(true)] out MetricWriteRequest? request, out string error)
    {
        request = null;
        error = string.Empty;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "The body must be a JSON object such as {\"value\": 21.5}.";
            return false;
        }
        if (!body.TryGetProperty("value", out var value))
        {
            error = "'value' is required: the body is {\"value\": …}, in the metric's datatype (null sends is_null).";
            return false;
        }
        request = new MetricWriteRequest(value);
        return true;
    }
}

/// <summary>What a write or rebirth request sent.</summary>
public sealed record CommandSent(string Topic, string? MetricName, ulong? Alias, string? Datatype);
