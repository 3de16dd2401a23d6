using System.Net;
using LwM2MSparkplug.Lwm2mServer.Fleet;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// The reads behind <c>/api/overview</c>: the Sparkplug host's <c>/api/summary</c> (through the fleet's
/// <see cref="SparkplugHostClient.HttpClientName"/> client, with its address, timeout and API key) and the Kafka
/// bridge's <c>/api/health</c> (through <see cref="BridgeClientName"/>). Called by <see cref="OverviewSampler"/> once
/// per interval, never per caller.
/// </summary>
public sealed class OverviewReader(IHttpClientFactory factory, IOptions<Lwm2mServerOptions> options, TimeProvider time)
{
    public const string BridgeClientName = "kafka-bridge";

    /// <summary>False when <c>BRIDGE_URL</c> is empty: there is no bridge to read.</summary>
    public bool BridgeConfigured => !string.IsNullOrWhiteSpace(options.Value.BridgeUrl);

    public async Task<ServiceRead<HostSummary>> ReadHostSummaryAsync(CancellationToken cancellationToken)
    {
        using var http = factory.CreateClient(SparkplugHostClient.HttpClientName);
        return await ServiceJsonReader.GetAsync<HostSummary>(
            http, "api/summary", IsSuccess, summary => summary.MessagesTotal is not null, "the Sparkplug host's summary", "SPARKPLUG_HOST_URL", time, cancellationToken);
    }

    /// <summary>The bridge's health; null when no bridge is configured. An unhealthy bridge answers 503 with its health, which is read too.</summary>
    public async Task<ServiceRead<BridgeHealth>?> ReadBridgeHealthAsync(CancellationToken cancellationToken)
    {
        if (!BridgeConfigured)
        {
            return null;
        }
        using var http = factory.CreateClient(BridgeClientName);
        return await ServiceJsonReader.GetAsync<BridgeHealth>(
            http, "api/health", status => IsSuccess(status) || status == HttpStatusCode.ServiceUnavailable, health => health.Status is not null,
            "the Kafka bridge's health", "BRIDGE_URL", time, cancellationToken);
    }

    static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
