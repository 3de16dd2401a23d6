using LwM2MSparkplug.KafkaBridge.Kafka;
using LwM2MSparkplug.KafkaBridge.Messaging;
using LwM2MSparkplug.ServiceDefaults;
using LwM2MSparkplug.ServiceDefaults.Observability;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;

namespace LwM2MSparkplug.KafkaBridge;

public static class KafkaBridgeExtensions
{
    public const string ServiceName = "mqtt-kafka-bridge";
    public const int DefaultHttpPort = 8083;

    /// <summary>Adds the MQTT-to-Kafka bridge.</summary>
    public static WebApplicationBuilder AddKafkaBridge(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddMqttConnectionOptions();
        services.AddOptions<BridgeOptions>().BindConfiguration(BridgeOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.OmaPrefix = configuration[BridgeOptions.OmaPrefixKey])
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BridgeOptions>, BridgeOptions.Validator>());
        services.AddOptions<KafkaStartupCheck>().Configure<IConfiguration>((check, configuration) => check.BootstrapServers = KafkaProducerSettings.Create(configuration).BootstrapServers).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaStartupCheck>, KafkaStartupCheck.Validator>());
        services.TryAddSingleton<KafkaConnectivity>();
        services.TryAddSingleton<KafkaBridgeMetrics>();
        services.TryAddSingleton<KafkaBridgeService>();
        services.AddHostedService(provider => provider.GetRequiredService<KafkaBridgeService>());
        services.AddSingleton<IHealthFields, KafkaBridgeHealthFields>();
        services.AddLossAndLagHealthCheck(provider =>
        {
            var metrics = provider.GetRequiredService<KafkaBridgeMetrics>();
            return
            [
                new("bridge_delivery_failures_total", () => metrics.DeliveryFailures.Total(), "Kafka refused or lost records"),
                new("bridge_records_lost_total", () => metrics.Lost.Total(), "Kafka refused even the dead letters of messages, which are lost"),
                new("bridge_backpressure_seconds_total", () => metrics.BackPressure.Value, "Kafka fell behind and the bridge stopped reading MQTT"),
            ];
        });
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration("mqtt", provider => new MqttConnectionHealthCheck(() => provider.GetRequiredService<KafkaBridgeService>().Connections), null, null))
            .AddCheck<KafkaHealthCheck>("kafka");
        return builder;
    }

    /// <summary>Ties the connectivity gauges to the live state.</summary>
    public static WebApplication MapKafkaBridgeApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.Services.GetRequiredService<KafkaBridgeMetrics>();
        var bridge = app.Services.GetRequiredService<KafkaBridgeService>();
        var kafka = app.Services.GetRequiredService<KafkaConnectivity>();
        app.Services.GetRequiredService<CollectorRegistry>().AddBeforeCollectCallback(() =>
        {
            metrics.KafkaReachable.Set(kafka.IsReachable ? 1 : 0);
            metrics.MqttConnected.Set(bridge.Connections?.IsConnected == true ? 1 : 0);
        });
        return app;
    }

    /// <summary>Validates the Kafka settings the bridge cannot run without.</summary>
    public sealed class KafkaStartupCheck
    {
        public string? BootstrapServers { get; set; }

        public sealed class Validator : IValidateOptions<KafkaStartupCheck>
        {
            public ValidateOptionsResult Validate(string? name, KafkaStartupCheck options)
            {
                var problems = new ConfigurationProblems(KafkaBridgeSettings.Group);
                problems.RequireNotEmpty("Kafka:BootstrapServers", options.BootstrapServers, "set KAFKA_BOOTSTRAP_SERVERS to host:port of one or more brokers, e.g. redpanda:9092.");
                return problems.ToResult();
            }
        }
    }
}
