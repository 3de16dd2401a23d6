using LwM2MSparkplug.DeviceSimulator.Apis;
using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.DeviceSimulator.Scheduling;
using LwM2MSparkplug.ServiceDefaults;
using LwM2MSparkplug.ServiceDefaults.Observability;
using LwM2MSparkplug.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace LwM2MSparkplug.DeviceSimulator;

public static class DeviceSimulatorExtensions
{
    public const string ServiceName = "device-simulator";
    public const int DefaultHttpPort = 8082;

    /// <summary>Adds the simulated device fleet.</summary>
    public static WebApplicationBuilder AddDeviceSimulator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddMqttConnectionOptions();
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName)
            // One OMA topic prefix per deployment: unless set for the simulator alone, it is the LwM2M server's.
            .Configure<IConfiguration>((options, configuration) => options.Lwm2mOmaPrefix ??= configuration[SimulatorOptions.OmaPrefixKey])
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptions.Validator>());
        services.TryAddSingleton<SimulatorMetrics>();
        services.TryAddSingleton<DeviceScheduler>();
        services.TryAddSingleton(provider => new ConnectLimiter(
            provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.ConnectRatePerSecond, provider.GetRequiredService<SimulatorMetrics>()));
        services.TryAddSingleton<DeviceIdentities>();
        services.TryAddSingleton<DeviceFleet>();
        services.AddHostedService(provider => provider.GetRequiredService<DeviceFleet>());
        services.AddSingleton<IHealthFields, SimulatorHealthFields>();
        services.AddHealthChecks().AddCheck<FleetConnectedHealthCheck>("devices_connected");
        services.AddLossAndLagHealthCheck(provider =>
        {
            var metrics = provider.GetRequiredService<SimulatorMetrics>();
            var fleet = provider.GetRequiredService<DeviceFleet>();
            var options = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            return
            [
                new("simulator_publish_failures_total", () => metrics.PublishFailures.Total(), "publishes failed (connection lost or broker refusal)"),
                new("simulator_messages_dropped_total", () => metrics.Dropped.Total(), "queued messages were dropped when their connection ended"),
                new("simulator_back_pressure_waits_total", () => metrics.BackPressureWaits.Value, "devices held work back because their connections could not keep up"),
                new("simulator_data_intervals_missed_total", () => fleet.Devices.Sum(d => d.MissedDataIntervals), "devices ran late and skipped data intervals: the configured rate is not met",
                    Whole: () => fleet.Devices.Sum(d => d.DueDataIntervals), ToleratedShare: options.ToleratedMissedIntervalShare),
            ];
        });
        return builder;
    }

    /// <summary>Maps <c>/api/devices</c> and ties the connected-devices gauge to the fleet.</summary>
    public static WebApplication MapDeviceSimulatorApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.Services.GetRequiredService<SimulatorMetrics>();
        var fleet = app.Services.GetRequiredService<DeviceFleet>();
        app.Services.GetRequiredService<CollectorRegistry>().AddBeforeCollectCallback(() =>
        {
            var devices = fleet.Devices;
            metrics.DevicesConnected.Set(devices.Count(d => d.IsConnected));
            metrics.DataIntervalsMissed.IncTo(devices.Sum(d => d.MissedDataIntervals));
        });
        app.MapSimulatorApi();
        return app;
    }
}
