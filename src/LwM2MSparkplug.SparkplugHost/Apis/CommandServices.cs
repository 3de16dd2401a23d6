using LwM2MSparkplug.SparkplugHost.Messaging;
using LwM2MSparkplug.SparkplugHost.Nodes;

namespace LwM2MSparkplug.SparkplugHost.Apis;

/// <summary>What a metric write needs besides the request: the sessions it checks, the connection it publishes on, its counter and the clock.</summary>
public sealed record CommandServices(EdgeNodeRegistry Registry, SparkplugHostConnection Connection, SparkplugHostMetrics Metrics, TimeProvider Time);
