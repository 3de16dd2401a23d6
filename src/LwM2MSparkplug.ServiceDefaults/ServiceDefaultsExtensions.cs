using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LwM2MSparkplug.ServiceDefaults.Api;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.ServiceDefaults.Health;
using LwM2MSparkplug.ServiceDefaults.Logging;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.ServiceDefaults.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Prometheus;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace LwM2MSparkplug.ServiceDefaults;

/// <summary>What every service shares: configuration names, Serilog, Prometheus, health, problem details, JSON.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds the shared plumbing. <paramref name="serviceName"/> labels logs. The service listens on all
    /// interfaces on <c>Http:Port</c> (<c>HTTP_PORT</c>), by default <paramref name="defaultHttpPort"/>;
    /// the port is read when the server starts, so later configuration sources may set it (0: any free port).
    /// <paramref name="commandLine"/> adds its settings' environment variables and its switches.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName, int defaultHttpPort, SettingsCommandLine? commandLine = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (commandLine is not null)
        {
            builder.Configuration.AddSettings(commandLine);
        }
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.ListenAnyIP(context.Configuration.GetValue("Http:Port", defaultHttpPort)));

        // Each service keeps its own logger (not the static one), so several can share a process (standalone).
        builder.Services.AddSerilog((services, logger) => ConfigureLogger(logger, builder.Configuration, serviceName,
            SuppressedLogEvents(services.GetRequiredService<IMetricFactory>())), preserveStaticLogger: true);
        builder.Services.AddProblemDetails();
        builder.Services.AddApiReference(serviceName);
        builder.Services.AddHealthChecks();
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptions.Validator>());
        builder.Services.AddOptions<LogRepeatOptions>().BindConfiguration(LogRepeatOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogRepeatOptions>, LogRepeatOptions.Validator>());
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptions.Validator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(_ =>
        {
            var registry = Metrics.NewCustomRegistry();
            DotNetStats.Register(registry);
            return registry;
        });
        builder.Services.TryAddSingleton<IMetricFactory>(services => Metrics.WithCustomRegistry(services.GetRequiredService<CollectorRegistry>()));
        builder.Services.TryAddSingleton<HttpResponseSizeMetrics>();
        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        return builder;
    }

    static Action<LogEventLevel> SuppressedLogEvents(IMetricFactory metrics)
    {
        var suppressed = metrics.CreateCounter("log_events_suppressed_total",
            "Warnings and errors held back because the same template and reason were written LOG_REPEAT_LIMIT times in the window.", ["level"]);
        return level => suppressed.WithLabels(level.ToString().ToLowerInvariant()).Inc();
    }

    /// <summary>
    /// Adds the <c>loss_and_lag</c> health check: degraded while one of the service's counters of loss or lag grew
    /// within <c>HEALTH_DEGRADED_WINDOW_SECONDS</c>.
    /// </summary>
    public static IServiceCollection AddLossAndLagHealthCheck(this IServiceCollection services, Func<IServiceProvider, IReadOnlyList<WatchedCounter>> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        // One instance for the service's lifetime: it keeps the samples it compares against, and the health check
        // service calls a registration's factory on every run.
        services.TryAddSingleton(provider => new LossAndLagHealthCheck(
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IOptions<HealthOptions>>().Value.DegradedWindow, counters(provider)));
        services.AddHealthChecks().Add(new HealthCheckRegistration("loss_and_lag",
            provider => provider.GetRequiredService<LossAndLagHealthCheck>(), failureStatus: null, tags: null));
        return services;
    }

    /// <summary>Binds <c>Mqtt</c> options, validated at start.</summary>
    public static IServiceCollection AddMqttConnectionOptions(this IServiceCollection services)
    {
        services.AddOptions<MqttConnectionOptions>().BindConfiguration(MqttConnectionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttConnectionOptions>, MqttConnectionOptions.Validator>());
        return services;
    }

    /// <summary>The JSON conventions of every REST API here: snake_case names, enums as snake_case strings.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    /// <summary>Maps <c>/metrics</c> and <c>/api/health</c>, with request logging, HTTP metrics, problem details and the API key check.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metricFactory = app.Services.GetRequiredService<IMetricFactory>();
        app.UseSerilogRequestLogging(options => options.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Debug);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHttpMetrics(options => options.SetMetricFactory(metricFactory));
        app.UseMiddleware<HttpResponseSizeMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<CollectorRegistry>());
        // Created now, not at the first health request, so loss from the service's start on counts.
        _ = app.Services.GetService<LossAndLagHealthCheck>();
        app.MapHealthChecks("/api/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithName("Health");
        app.MapApiReference();
        return app;
    }

    /// <summary>Runs the service; a configuration error ends it with exit code 2 and a message saying what to fix.</summary>
    public static async Task<int> RunServiceAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException exception)
        {
            await ReportConfigurationErrorAsync(exception);
            return 2;
        }
    }

    public static async Task ReportConfigurationErrorAsync(OptionsValidationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        await Console.Error.WriteLineAsync("Configuration is invalid:");
        foreach (var failure in exception.Failures)
        {
            await Console.Error.WriteLineAsync($"  - {failure}");
        }
        await Console.Error.WriteLineAsync("Set the named environment variables (see README.md, Configuration) or appsettings.json and start again.");
    }

    /// <summary>
    /// The shared Serilog setup: level from <c>LOG_LEVEL</c>, text or JSON (<c>LOG_FORMAT=json</c>) on the console
    /// (or <paramref name="output"/>); every string property with its control characters escaped; repeated warnings
    /// and errors limited by <see cref="LogRepeatOptions"/>, each held-back one reported to <paramref name="onSuppressed"/>.
    /// </summary>
    public static void ConfigureLogger(LoggerConfiguration logger, IConfiguration configuration, string serviceName,
        Action<LogEventLevel>? onSuppressed = null, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(configuration);
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", serviceName)
            .Enrich.With<ControlCharacterEscapingEnricher>();
        var repeats = configuration.GetSection(LogRepeatOptions.SectionName).Get<LogRepeatOptions>() ?? new LogRepeatOptions();
        if (new LogRepeatOptions.Validator().Validate(null, repeats).Failed)
        {
            // Start-up validation reports the bad value; until then the defaults hold.
            repeats = new LogRepeatOptions();
        }
        var json = string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase);
        ITextFormatter formatter = json
            ? new RenderedCompactJsonFormatter()
            : new MessageTemplateTextFormatter("[{Timestamp:HH:mm:ss} {Level:u3}] {Service}: {Message:lj}{NewLine}{Exception}", CultureInfo.InvariantCulture);
        logger.WriteTo.Sink(LoggerSinkConfiguration.Wrap(
            sink => new RepeatedEventLimiter(sink, repeats, TimeProvider.System, onSuppressed),
            sinks =>
            {
                if (output is null)
                {
                    sinks.Console(formatter);
                }
                else
                {
                    sinks.Sink(new TextWriterSink(formatter, output));
                }
            }));
    }
}
