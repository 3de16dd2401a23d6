using System.Text.Json;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>
/// The body of a metric write relayed to the Sparkplug host, for the API description: <c>{"value": …}</c>, the value as
/// JSON of the metric's datatype, as the host's own metric write takes it. The body is passed on unread.
/// </summary>
public sealed record MetricWriteBody(JsonElement Value);
