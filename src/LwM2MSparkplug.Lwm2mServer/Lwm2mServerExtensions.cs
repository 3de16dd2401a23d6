using LwM2MSparkplug.Lwm2mServer.Apis;
using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Messaging;
using LwM2MSparkplug.Lwm2mServer.Operations;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.ServiceDefaults;
using LwM2MSparkplug.ServiceDefaults.Api;
using LwM2MSparkplug.ServiceDefaults.Health;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace LwM2MSparkplug.Lwm2mServer;

public static class Lwm2mServerExtensions
{
    public const string ServiceName = "lwm2m-server";
    public const int DefaultHttpPort = 8080;

    /// <summary>Adds the LwM2M server: registry, expiry, event log, MQTT connection and metrics.</summary>
    public static WebApplicationBuilder AddLwm2mServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddMqttConnectionOptions();
        services.AddOptions<Lwm2mServerOptions>().BindConfiguration(Lwm2mServerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Lwm2mServerOptions>, Lwm2mServerOptions.Validator>());

        services.TryAddSingleton<IRegistrationStore>(provider => new InMemoryRegistrationStore(provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value.MaxRegistrations));
        services.TryAddSingleton(provider => new ObservationStore(provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value.MaxObservationsPerDevice));
        services.TryAddSingleton<PendingRequests>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value;
            return new SleepingDevices(options.QueueModeAwakeTime, options.MaxQueuedRequestsPerDevice, options.QueuedRequestMaxWait);
        });
        services.TryAddSingleton<QueueModeWakeups>();
        services.TryAddSingleton(provider => new SparkplugPresence(
            provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value.MaxRegistrations,
            provider.GetRequiredService<IRegistrationStore>(),
            () => provider.GetRequiredService<Lwm2mServerMetrics>().LimitRefusals.WithLabels("max_sparkplug_presence").Inc()));
        // Registered devices plus as many endpoints heard from in the last minute without a registration.
        services.TryAddSingleton(provider => new DeviceMessageRates(2 * provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value.MaxRegistrations));
        services.TryAddSingleton<MqttOutbox>();
        services.TryAddSingleton<RegistrationHandler>();
        services.TryAddSingleton<Acknowledgements>();
        services.TryAddSingleton<ReportingHandler>();
        services.TryAddSingleton<DeviceResponses>();
        services.TryAddSingleton<OmaReplies>();
        services.TryAddSingleton<OmaMessageHandler>();
        services.TryAddSingleton<DeviceRequestClient>();
        services.TryAddScoped<DeviceServices>();
        services.TryAddSingleton(provider => Model.Lwm2mModelDirectory.Load(provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value.ModelsDirectory));
        services.AddHttpClient(Fleet.SparkplugHostClient.HttpClientName, (provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value;
            // A trailing slash, so that api/nodes resolves under a host URL with a path.
            http.BaseAddress = new Uri(options.SparkplugHostUrl.TrimEnd('/') + "/");
            http.Timeout = options.SparkplugHostTimeout;
            // Compose gives both services one API_KEY; with API_PROTECT_READS the host asks it for reads too.
            if (provider.GetRequiredService<IOptions<ApiKeyOptions>>().Value is { Enabled: true } apiKey)
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey.Key);
            }
        })
            // Read every overview interval: a log line per request would fill the log; failures are counted and answered.
            .RemoveAllLoggers();
        services.TryAddSingleton<Fleet.SparkplugHostClient>();
        services.TryAddSingleton<Fleet.SparkplugNodeCache>();
        services.AddHttpClient(Overview.OverviewReader.BridgeClientName, (provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value;
            // Empty BridgeUrl: no bridge, and the client is never asked for.
            if (!string.IsNullOrWhiteSpace(options.BridgeUrl))
            {
                http.BaseAddress = new Uri(options.BridgeUrl.TrimEnd('/') + "/");
            }
            http.Timeout = options.BridgeTimeout;
            if (provider.GetRequiredService<IOptions<ApiKeyOptions>>().Value is { Enabled: true } apiKey)
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey.Key);
            }
        }).RemoveAllLoggers();
        services.TryAddSingleton<Overview.OverviewReader>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value;
            return new Overview.OverviewState(new Overview.MessageRateSeries(options.OverviewPoints, options.OverviewInterval));
        });
        services.AddHostedService<Overview.OverviewSampler>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value;
            return new Fleet.GoneDevices(options.FleetRetention, options.FleetRetentionMax, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value;
            return new Fleet.FleetStreamSlots(options.FleetStreamMax);
        });
        services.AddSingleton<Fleet.SharedFleet>();
        // Binding failures throw, so BadRequestExceptionHandler answers them with a problem naming the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<ProblemDetailsOptions>(options => options.CustomizeProblemDetails += BadRequestExceptionHandler.DescribeUnsupportedMediaType);
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<Lwm2mServerOptions>>().Value;
            var json = provider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            return new EventBuffer(options.EventBufferCapacity, options.MaxConsumers, json);
        });
        services.TryAddSingleton<Lwm2mServerMetrics>();
        services.TryAddSingleton<Lwm2mMessageHandler>();
        services.TryAddSingleton<Lwm2mServerConnection>();
        services.AddHostedService(provider => provider.GetRequiredService<Lwm2mServerConnection>());
        services.AddHostedService<RegistrationExpiryService>();
        services.AddHostedService<HeldRequestSender>();
        services.AddHttpContextAccessor();
        services.AddSingleton<IHealthFields, Lwm2mHealthFields>();
        services.AddLossAndLagHealthCheck(provider =>
        {
            // Read from the buffer itself (the counter follows it only when /metrics is scraped). Eviction alone is
            // the ring buffer doing its job; loss is a poller asking for events that were already gone.
            var events = provider.GetRequiredService<EventBuffer>();
            var metrics = provider.GetRequiredService<Lwm2mServerMetrics>();
            var outbox = provider.GetRequiredService<MqttOutbox>();
            return
            [
                new("lwm2m_events_missed_total", () => events.Missed, "a poller of /api/events fell further behind than the buffer holds and missed events"),
                new("lwm2m_outbox_dropped_total", () => outbox.Dropped, "acknowledgements or requests were dropped because the server's outgoing queue was full"),
                // A refused observation is answered to its REST caller at once; a refused device is not served at all.
                new(
                    "lwm2m_limit_refusals_total{limit=max_registrations|min_lifetime|max_lifetime}",
                    () => metrics.LimitRefusals.WithLabels("max_registrations").Value + metrics.LimitRefusals.WithLabels("min_lifetime").Value + metrics.LimitRefusals.WithLabels("max_lifetime").Value,
                    "devices were refused registration by a configured limit; the log names the limit and how to raise it"),
            ];
        });
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "mqtt",
            provider => new MqttConnectionHealthCheck(() => provider.GetRequiredService<Lwm2mServerConnection>().Connections),
            failureStatus: null,
            tags: null));
        return builder;
    }

    /// <summary>Maps <c>/api/devices</c>, <c>/api/events</c>, <c>/api/fleet</c>, <c>/api/overview</c> and the rest of the REST API, and ties the gauges to the live state.</summary>
    public static WebApplication MapLwm2mServerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.Services.GetRequiredService<Lwm2mServerMetrics>();
        var store = app.Services.GetRequiredService<IRegistrationStore>();
        var events = app.Services.GetRequiredService<EventBuffer>();
        var observations = app.Services.GetRequiredService<ObservationStore>();
        var sleeping = app.Services.GetRequiredService<SleepingDevices>();
        var outbox = app.Services.GetRequiredService<MqttOutbox>();
        var gone = app.Services.GetRequiredService<Fleet.GoneDevices>();
        app.Services.GetRequiredService<CollectorRegistry>().AddBeforeCollectCallback(() =>
        {
            metrics.ActiveDevices.Set(store.Count);
            metrics.EventsBuffered.Set(events.Count);
            metrics.EventsEvicted.IncTo(events.Evicted);
            metrics.EventsMissed.IncTo(events.Missed);
            metrics.EventsRedelivered.IncTo(events.Redelivered);
            metrics.OutboxDropped.IncTo(outbox.Dropped);
            metrics.FleetGoneDevices.Set(gone.Count);
            metrics.FleetGoneDropped.IncTo(gone.Dropped);
            metrics.ActiveObservations.Set(observations.Count);
            metrics.QueuedRequests.Set(sleeping.Count);
            metrics.LimitRefusals.WithLabels("max_observations_per_device").IncTo(observations.Refused);
        });
        app.UseWebSockets();
        app.UseMiddleware<MalformedDevicePathMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.MapConsole();
        app.MapDevicesApi();
        app.MapDeviceManagementApi();
        app.MapObjectSpecsApi();
        app.MapEventsApi();
        app.MapFleetApi();
        app.MapFleetStream();
        app.MapOverviewApi();
        return app;
    }
}
