using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.Protocols.Sparkplug.Session;
using LwM2MSparkplug.ServiceDefaults;
using LwM2MSparkplug.ServiceDefaults.Health;
using LwM2MSparkplug.ServiceDefaults.Observability;
using LwM2MSparkplug.SparkplugHost.Apis;
using LwM2MSparkplug.SparkplugHost.Messaging;
using LwM2MSparkplug.SparkplugHost.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;

namespace LwM2MSparkplug.SparkplugHost;

public static class SparkplugHostExtensions
{
    public const string ServiceName = "sparkplug-host";
    public const int DefaultHttpPort = 8081;

    /// <summary>Adds the Sparkplug host application: STATE, sessions, reorder timeout, rebirth requests, metrics.</summary>
    public static WebApplicationBuilder AddSparkplugHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddMqttConnectionOptions();
        services.AddOptions<SparkplugHostOptions>().BindConfiguration(SparkplugHostOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SparkplugHostOptions>, SparkplugHostOptions.Validator>());
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new MetricValueJsonConverter());
            options.SerializerOptions.Converters.Add(new PropertySetJsonConverter());
        });

        services.TryAddSingleton(provider =>
        {
            var host = provider.GetRequiredService<IOptions<SparkplugHostOptions>>().Value;
            return new EdgeNodeRegistry(host.ToSessionOptions(), host.MaxEdgeNodes, provider.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(provider =>
        {
            var host = provider.GetRequiredService<IOptions<SparkplugHostOptions>>().Value;
            return new RebirthThrottle(host.RebirthDebounce, host.RebirthRatePerSecond);
        });
        services.TryAddSingleton<SparkplugHostMetrics>();
        services.TryAddSingleton<HostApplicationState>();
        services.TryAddSingleton<MqttOutbox>();
        services.TryAddSingleton<RebirthRequester>();
        services.TryAddSingleton<SparkplugMessageHandler>();
        services.TryAddSingleton<SparkplugHostConnection>();
        services.AddHostedService(provider => provider.GetRequiredService<SparkplugHostConnection>());
        services.AddHostedService<SessionTimerService>();
        services.AddLossAndLagHealthCheck(provider =>
        {
            var metrics = provider.GetRequiredService<SparkplugHostMetrics>();
            return
            [
                new("sparkplug_seq_gaps_total", () => metrics.SeqGaps.Value, "messages from edge nodes went missing on the way"),
                new("sparkplug_rebirth_requests_delayed_total", () => metrics.RebirthsDelayed.Value, "rebirth requests had to wait for the global rate"),
                new("sparkplug_limit_refusals_total", () => metrics.LimitRefusals.Total(), "messages from new edge nodes were refused because the host keeps SPARKPLUG_MAX_EDGE_NODES already"),
            ];
        });
        services.AddSingleton<IHealthFields, SparkplugHealthFields>();
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "mqtt",
            provider => new MqttConnectionHealthCheck(() => provider.GetRequiredService<SparkplugHostConnection>().Connections),
            failureStatus: null,
            tags: null));
        return builder;
    }

    /// <summary>Maps <c>/api/nodes</c> and <c>/api/summary</c>, and ties the gauges to the live sessions.</summary>
    public static WebApplication MapSparkplugHostApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.Services.GetRequiredService<SparkplugHostMetrics>();
        var registry = app.Services.GetRequiredService<EdgeNodeRegistry>();
        var perNodeMetrics = app.Services.GetRequiredService<IOptions<SparkplugHostOptions>>().Value.PerNodeMetrics;
        app.Services.GetRequiredService<CollectorRegistry>().AddBeforeCollectCallback(() =>
        {
            var (nodes, devices) = registry.CountOnline();
            metrics.NodesOnline.Set(nodes);
            metrics.DevicesOnline.Set(devices);
            metrics.NodesKnown.Set(registry.Count);
            if (perNodeMetrics)
            {
                ExportNodeMessages(registry, metrics.NodeMessages);
            }
        });
        app.MapNodesApi();
        app.MapSummaryApi();
        return app;
    }

    /// <summary>
    /// One <c>sparkplug_node_messages_total</c> series per edge node the registry keeps; the series of an evicted node
    /// goes with it (removed here, at scrape time, so a scrape racing with the eviction cannot bring it back for good).
    /// </summary>
    static void ExportNodeMessages(EdgeNodeRegistry registry, Counter nodeMessages)
    {
        var known = new HashSet<(string GroupId, string EdgeNodeId)>();
        registry.VisitMessageCounts((groupId, edgeNodeId, count) =>
        {
            known.Add((groupId, edgeNodeId));
            nodeMessages.WithLabels(groupId, edgeNodeId).IncTo(count);
        });
        foreach (var labels in nodeMessages.GetAllLabelValues().ToList())
        {
            if (!known.Contains((labels[0], labels[1])))
            {
                nodeMessages.RemoveLabelled(labels);
            }
        }
    }
}
