using System.Globalization;
using Confluent.Kafka;
using LwM2MSparkplug.Certificates;
using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.KafkaBridge;
using LwM2MSparkplug.KafkaBridge.Kafka;
using LwM2MSparkplug.KafkaBridge.Routing;
using LwM2MSparkplug.Lwm2mServer;
using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Overview;
using LwM2MSparkplug.Lwm2mServer.Registry;
using LwM2MSparkplug.ServiceDefaults;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.ServiceDefaults.Mqtt;
using LwM2MSparkplug.SparkplugHost;
using LwM2MSparkplug.SparkplugHost.Nodes;
using LwM2MSparkplug.Standalone.Broker;
using Prometheus;
using LwM2MSparkplug.Standalone.Broker.Access;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog.Extensions.Logging;

namespace LwM2MSparkplug.Standalone;

/// <summary>
/// The whole stack in one process: the embedded broker, then the LwM2M server and Sparkplug host on the
/// plain listener, then the device simulator on the TLS listener. Each service is its own web application
/// on its own port, exactly as it runs alone.
/// </summary>
public sealed partial class StandaloneApplication : IAsyncDisposable
{
    readonly ILogger<StandaloneApplication> _logger;
    readonly SerilogLoggerFactory _loggerFactory;
    readonly CancellationTokenSource _summaryStopping = new();
    Task? _summary;

    StandaloneApplication(
        EmbeddedMqttBroker broker,
        EmbeddedKafkaCluster? embeddedKafka,
        string kafkaBootstrapServers,
        WebApplication lwm2mServer,
        WebApplication sparkplugHost,
        WebApplication simulator,
        WebApplication bridge,
        StandaloneOptions options,
        SerilogLoggerFactory loggerFactory)
    {
        Broker = broker;
        EmbeddedKafka = embeddedKafka;
        KafkaBootstrapServers = kafkaBootstrapServers;
        Lwm2mServer = lwm2mServer;
        SparkplugHost = sparkplugHost;
        Simulator = simulator;
        Bridge = bridge;
        Options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<StandaloneApplication>();
    }

    public EmbeddedMqttBroker Broker { get; }

    /// <summary>The in-memory Kafka, when <c>KAFKA_BOOTSTRAP_SERVERS</c> names none.</summary>
    public EmbeddedKafkaCluster? EmbeddedKafka { get; }

    public string KafkaBootstrapServers { get; }
    public WebApplication Lwm2mServer { get; }
    public WebApplication SparkplugHost { get; }
    public WebApplication Simulator { get; }
    public WebApplication Bridge { get; }
    public StandaloneOptions Options { get; }

    public Uri Lwm2mServerUrl => LocalUrl(Lwm2mServer);
    public Uri SparkplugHostUrl => LocalUrl(SparkplugHost);
    public Uri SimulatorUrl => LocalUrl(Simulator);
    public Uri BridgeUrl => LocalUrl(Bridge);

    /// <summary>Kafka topics the embedded cluster starts with: the bridge's, the dead letters and Redpanda Connect's.</summary>
    public static readonly IReadOnlyList<string> KafkaTopics =
        [TopicRouter.SparkplugTopic, TopicRouter.RegistrationTopic, TopicRouter.UpdatesTopic, BridgeOptions.DefaultDeadLetterTopic, "iot.telemetry.lwm2m.http"];

    /// <summary>
    /// Reads configuration (appsettings.json, environment, flat names, command line, then <paramref name="overrides"/>),
    /// starts everything and returns when all services listen. Throws <see cref="OptionsValidationException"/> on bad configuration.
    /// </summary>
    public static async Task<StandaloneApplication> StartAsync(SettingsCommandLine? commandLine = null, IReadOnlyDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        commandLine ??= SettingsCommandLine.None(StandaloneSettings.All);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddSettings(commandLine)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var brokerOptions = Bind<EmbeddedBrokerOptions>(configuration, EmbeddedBrokerOptions.SectionName, new EmbeddedBrokerOptions.Validator());
        brokerOptions.OmaPrefix = configuration["Lwm2mServer:OmaPrefix"];
        var options = Bind<StandaloneOptions>(configuration, StandaloneOptions.SectionName, new StandaloneOptions.Validator(brokerOptions));

        var loggerConfiguration = new Serilog.LoggerConfiguration();
        ServiceDefaultsExtensions.ConfigureLogger(loggerConfiguration, configuration, "standalone");
        var loggerFactory = new SerilogLoggerFactory(loggerConfiguration.CreateLogger(), dispose: true);

        var broker = new EmbeddedMqttBroker(brokerOptions, loggerFactory.CreateLogger<EmbeddedMqttBroker>());
        await broker.StartAsync();

        // Kafka: the one named by KAFKA_BOOTSTRAP_SERVERS, else an in-memory one from librdkafka's mock cluster.
        EmbeddedKafkaCluster? embeddedKafka = null;
        var kafkaBootstrap = configuration["Kafka:BootstrapServers"];
        if (string.IsNullOrWhiteSpace(kafkaBootstrap))
        {
            embeddedKafka = EmbeddedKafkaCluster.Start();
            foreach (var topic in KafkaTopics)
            {
                embeddedKafka.CreateTopic(topic, options.KafkaTopicPartitions);
            }
            kafkaBootstrap = embeddedKafka.BootstrapServers;
        }

        var plain = MqttSettings(broker.Port, tlsCaPath: null);
        WebApplication? sparkplugHost = null;
        WebApplication? bridge = null;
        var lwm2mServer = BuildService(commandLine, overrides, Lwm2mServerExtensions.ServiceName, Lwm2mServerExtensions.DefaultHttpPort, options.Lwm2mServerPort,
            WithAccount(plain, broker, BrokerAccounts.Lwm2mServer, "Lwm2mServer:ClientId"),
            builder =>
            {
                InMemory(builder, broker);
                builder.AddLwm2mServer();
                // The fleet reads the in-process Sparkplug host, whose port (0 = any free one) is known only once it
                // listens; the client's base address is set each time a client is made, so it is read then.
                builder.Services.AddHttpClient(SparkplugHostClient.HttpClientName, http => http.BaseAddress = LocalUrl(sparkplugHost!));
                // The overview reads the in-process bridge's health, the same way; BRIDGE_URL empty still means no bridge.
                builder.Services.AddHttpClient(OverviewReader.BridgeClientName, http => http.BaseAddress = LocalUrl(bridge!));
            }, app =>
            {
                app.MapLwm2mServerApi();
                // The broker has no HTTP port of its own: its series are on the LwM2M server's /metrics.
                BrokerMetricsExport.AddTo(app.Services.GetRequiredService<CollectorRegistry>(), broker.Statistics);
            });
        sparkplugHost = BuildService(commandLine, overrides, SparkplugHostExtensions.ServiceName, SparkplugHostExtensions.DefaultHttpPort, options.SparkplugHostPort,
            WithAccount(plain, broker, BrokerAccounts.SparkplugHost, "SparkplugHost:ClientId"),
            builder =>
            {
                InMemory(builder, broker);
                builder.AddSparkplugHost();
            }, app => app.MapSparkplugHostApi());
        var deviceMqtt = options.DevicesUseTls
            ? MqttSettings(broker.TlsPort, broker.Authority.CaCertificatePath)
            : plain;
        if (broker.DeviceAuthority is { } deviceCa)
        {
            // Every device gets its own certificate from the device CA: its common name is the device id.
            deviceMqtt = new Dictionary<string, string?>(deviceMqtt)
            {
                ["Simulator:DeviceCaCertificate"] = Path.GetFullPath(deviceCa.CaCertificatePath),
                ["Simulator:DeviceCaKey"] = Path.GetFullPath(deviceCa.CaKeyPath),
            };
        }
        var simulator = BuildService(commandLine, overrides, DeviceSimulatorExtensions.ServiceName, DeviceSimulatorExtensions.DefaultHttpPort, options.SimulatorPort, deviceMqtt,
            builder => builder.AddDeviceSimulator(), app => app.MapDeviceSimulatorApi());

        var bridgeSettings = new Dictionary<string, string?>(WithAccount(plain, broker, BrokerAccounts.KafkaBridge, "Bridge:ClientId"))
        {
            ["Kafka:BootstrapServers"] = kafkaBootstrap,
            ["Bridge:ClientId"] = BrokerAccounts.KafkaBridge,
            // The embedded MQTTnet broker has no shared subscriptions; one bridge takes everything.
            ["Bridge:SharedSubscriptionGroup"] = string.Empty,
        };
        bridge = BuildService(commandLine, overrides, KafkaBridgeExtensions.ServiceName, KafkaBridgeExtensions.DefaultHttpPort, options.BridgePort, bridgeSettings,
            builder =>
            {
                InMemory(builder, broker);
                builder.AddKafkaBridge();
            }, app => app.MapKafkaBridgeApi());

        var application = new StandaloneApplication(broker, embeddedKafka, kafkaBootstrap, lwm2mServer, sparkplugHost, simulator, bridge, options, loggerFactory) { BrokerUsername = brokerOptions.Username };
        try
        {
            await lwm2mServer.StartAsync(cancellationToken);
            await sparkplugHost.StartAsync(cancellationToken);
            await bridge.StartAsync(cancellationToken);
            // Births and registrations are not retained: devices start once their readers are subscribed.
            await application.WaitUntilHealthyAsync(lwm2mServer, Lwm2mServerExtensions.ServiceName, cancellationToken);
            await application.WaitUntilHealthyAsync(sparkplugHost, SparkplugHostExtensions.ServiceName, cancellationToken);
            var deviceCount = simulator.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value.DeviceCount;
            if (FileDescriptorBudget.Check(deviceCount, FileDescriptorBudget.CurrentLimit()) is { } shortOfFiles)
            {
                LogShortOfFiles(application._logger, shortOfFiles);
            }
            await simulator.StartAsync(cancellationToken);
        }
        catch
        {
            await application.DisposeAsync();
            throw;
        }
        application.StartSummary();
        return application;
    }

    /// <summary>Where everything listens, for people.</summary>
    public string Describe()
    {
        var devices = Simulator.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        return string.Join(Environment.NewLine,
        [
            "LwM2MSparkplug standalone is running:",
            $"  Console           {Lwm2mServerUrl}   every device, both protocols, in a browser",
            $"  MQTT broker       mqtt://localhost:{Broker.Port}   mqtts://localhost:{Broker.TlsPort}",
            $"                    development CA: {Path.GetFullPath(Broker.Authority.CaCertificatePath)}",
            .. DescribeAuthentication(),
            $"  LwM2M server      {Lwm2mServerUrl.ToString().TrimEnd('/')}   /api/fleet /api/devices /api/events /api/health /metrics",
            $"  Sparkplug host    {SparkplugHostUrl.ToString().TrimEnd('/')}   /api/nodes /api/health /metrics",
            $"  Device simulator  {SimulatorUrl.ToString().TrimEnd('/')}   /api/devices /api/health /metrics ({devices.DeviceCount} devices over {(Options.DevicesUseTls ? "TLS" : "plain MQTT")})",
            $"  Kafka bridge      {BridgeUrl.ToString().TrimEnd('/')}   /api/health /metrics",
            "  API reference     /scalar/ on each service (OpenAPI document: /openapi/v1.json)",
            EmbeddedKafka is null
                ? $"  Kafka             {KafkaBootstrapServers} (KAFKA_BOOTSTRAP_SERVERS)"
                : $"  Kafka (embedded)  {KafkaBootstrapServers}   in memory only, the newest {EmbeddedKafkaCluster.PartitionRetentionBytes / (1024 * 1024)} MiB or {EmbeddedKafkaCluster.PartitionRetentionBatches:N0} batches per partition"
                  + $" (at most {EmbeddedKafka.RetentionBytes / (1024 * 1024)} MiB); older records are discarded and counted in the summary",
            $"  Read the flow:     kcat -b {KafkaBootstrapServers} -C -t {TopicRouter.SparkplugTopic} -f '%k %h %s\\n'",
            Broker.Accounts is null
                ? $"  Watch the traffic: mosquitto_sub -h localhost -p {Broker.Port} -t '#' -v"
                : $"  Watch the traffic: mosquitto_sub -h localhost -p {Broker.Port} -u {BrokerUsername} -P \"$BROKER_PASSWORD\" -t '#' -v",
            "Press Ctrl+C to stop.",
        ]);
    }

    string? BrokerUsername { get; init; }

    IEnumerable<string> DescribeAuthentication() => Broker.DeviceAuthority is not { } deviceCa
        ? []
        :
        [
            $"                    authentication on: devices need a client certificate from the device CA {Path.GetFullPath(deviceCa.CaCertificatePath)}",
            $"                    (common name = device id); user {BrokerUsername} reads everything (docs/standalone-authentication.md)",
        ];

    /// <summary>Stops in order: devices first (they de-register and publish deaths), then the services, then the broker.</summary>
    public async ValueTask DisposeAsync()
    {
        await _summaryStopping.CancelAsync();
        if (_summary is not null)
        {
            await _summary;
        }
        await StopAsync(Simulator);
        await StopAsync(Bridge);
        await StopAsync(SparkplugHost);
        await StopAsync(Lwm2mServer);
        await Broker.DisposeAsync();
        EmbeddedKafka?.Dispose();
        _summaryStopping.Dispose();
        _loggerFactory.Dispose();
    }

    static async Task StopAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await app.DisposeAsync();
    }

    static WebApplication BuildService(
        SettingsCommandLine commandLine,
        IReadOnlyDictionary<string, string?>? overrides,
        string name,
        int defaultPort,
        int port,
        Dictionary<string, string?> mqtt,
        Action<WebApplicationBuilder> add,
        Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.AddServiceDefaults(name, defaultPort, commandLine);
        builder.Configuration.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        // The composition decides ports and broker settings; these come last so nothing else overrides them.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(mqtt)
        {
            ["Http:Port"] = port.ToString(CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton<IHostLifetime, ExternallyControlledLifetime>();
        add(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        return app;
    }

    /// <summary>
    /// The service reaches the embedded broker in memory rather than over a loopback socket: the same MQTT, without
    /// a system call and a wake-up on each side for every message it reads. Devices keep their sockets.
    /// </summary>
    static void InMemory(WebApplicationBuilder builder, EmbeddedMqttBroker broker) =>
        builder.Services.PostConfigure<MqttConnectionOptions>(mqtt => mqtt.ClientAdapterFactory = broker.InProcessClients);

    static Dictionary<string, string?> MqttSettings(int port, string? tlsCaPath) => new()
    {
        // The embedded broker only: an MQTT_SERVERS left in the environment must not send the services elsewhere.
        ["Mqtt:Servers"] = null,
        ["Mqtt:Host"] = "localhost",
        ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:UseTls"] = tlsCaPath is null ? "false" : "true",
        ["Mqtt:CaCertificate"] = tlsCaPath is null ? null : Path.GetFullPath(tlsCaPath),
        ["Mqtt:Username"] = null,
        ["Mqtt:Password"] = null,
    };

    /// <summary>
    /// With authentication on, the service's own broker account, and its client id set to the account's name, which the
    /// broker gives the connection anyway; unchanged when authentication is off.
    /// </summary>
    static Dictionary<string, string?> WithAccount(Dictionary<string, string?> mqtt, EmbeddedMqttBroker broker, string account, string clientIdKey) =>
        broker.Accounts is not { } accounts
            ? mqtt
            : new Dictionary<string, string?>(mqtt)
            {
                ["Mqtt:Username"] = account,
                ["Mqtt:Password"] = accounts.PasswordOf(account),
                [clientIdKey] = account,
            };

    static T Bind<T>(IConfiguration configuration, string section, IValidateOptions<T> validator) where T : class, new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        var result = validator.Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(section, typeof(T), result.Failures);
        }
        return options;
    }

    static Uri LocalUrl(WebApplication app)
    {
        var address = new Uri(app.Urls.First());
        return new Uri($"http://localhost:{address.Port}/");
    }

    void StartSummary()
    {
        if (Options.SummaryIntervalSeconds <= 0)
        {
            return;
        }
        _summary = Task.Run(() => RunSummaryAsync(TimeSpan.FromSeconds(Options.SummaryIntervalSeconds), _summaryStopping.Token));
    }

    /// <summary>
    /// Every interval, one line in which the numbers add up: what the devices offered against what the configuration
    /// asks, what each hop delivered, what was lost and where, and whether any service is degraded.
    /// </summary>
    async Task RunSummaryAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var registrations = Lwm2mServer.Services.GetRequiredService<IRegistrationStore>();
        var nodes = SparkplugHost.Services.GetRequiredService<EdgeNodeRegistry>();
        var simulatorOptions = Simulator.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        var configuredDataRate = simulatorOptions.DeviceCount / simulatorOptions.TelemetryIntervalSeconds;
        var last = ReadFlow();
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var current = ReadFlow();
                var rates = current.RatesSince(last, interval.TotalSeconds);
                var (nodesOnline, devicesOnline) = nodes.CountOnline();
                var lost = rates.BrokerDropped + rates.DeviceFailures;
                var status = await DescribeHealthAsync(cancellationToken);
                status += DescribeKafkaRetention();
                if (lost > 0)
                {
                    status = $"degraded: lost {lost:0.#}/s ({DescribeDrops()}); {status}";
                }
                LogSummary(_logger, registrations.Count, nodesOnline, devicesOnline,
                    rates.SparkplugPublished, configuredDataRate, rates.BrokerSparkplug, rates.HostReceived, rates.BridgeSparkplugForwarded,
                    rates.Lwm2mPublished, rates.BrokerLwm2m, rates.Lwm2mServerReceived, lost, status);
                last = current;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    static readonly TimeSpan KafkaQueryTimeout = TimeSpan.FromSeconds(2);

    /// <summary>What the embedded Kafka has forgotten so far; not a loss of the flow (the bridge delivered it), but gone.</summary>
    string DescribeKafkaRetention()
    {
        try
        {
            return EmbeddedKafka?.CountDiscardedRecords(KafkaQueryTimeout) is > 0 and var discarded
                ? $" | embedded Kafka discarded {discarded:N0} old records so far (its fixed cap; set KAFKA_BOOTSTRAP_SERVERS to keep them)"
                : "";
        }
        catch (KafkaException exception)
        {
            return $" | embedded Kafka did not answer ({exception.Error.Reason})";
        }
    }

    StandaloneFlow ReadFlow() => StandaloneFlow.Read(
        Broker.Statistics,
        Simulator.Services.GetRequiredService<SimulatorMetrics>(),
        SparkplugHost.Services.GetRequiredService<SparkplugHostMetrics>(),
        Lwm2mServer.Services.GetRequiredService<Lwm2mServerMetrics>(),
        Bridge.Services.GetRequiredService<KafkaBridgeMetrics>());

    string DescribeDrops()
    {
        var drops = Broker.Statistics.DroppedByClient();
        return drops.Count == 0 ? "by the devices" : "broker queues so far: " + string.Join(", ", drops.Take(3).Select(d => $"{d.ClientId} {d.Count}"));
    }

    /// <summary>"healthy", or which services are not and why.</summary>
    async Task<string> DescribeHealthAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (name, app) in new[] { ("lwm2m-server", Lwm2mServer), ("sparkplug-host", SparkplugHost), ("simulator", Simulator), ("bridge", Bridge) })
        {
            var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken);
            if (report.Status != HealthStatus.Healthy)
            {
                problems.Add($"{name} {report.Status.ToString().ToLowerInvariant()} ({string.Join("; ", report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy).Select(e => e.Description))})");
            }
        }
        return problems.Count == 0 ? "healthy" : string.Join(" | ", problems);
    }

    static readonly TimeSpan HealthyWait = TimeSpan.FromSeconds(10);

    /// <summary>Waits (bounded) until a service reports healthy, i.e. its MQTT connection is up and subscribed.</summary>
    async Task WaitUntilHealthyAsync(WebApplication service, string name, CancellationToken cancellationToken)
    {
        var health = service.Services.GetRequiredService<HealthCheckService>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(HealthyWait);
        try
        {
            while ((await health.CheckHealthAsync(deadline.Token)).Status != HealthStatus.Healthy)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotHealthyYet(_logger, name, HealthyWait.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}")]
    static partial void LogShortOfFiles(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} is not healthy after {Seconds} s; starting the devices anyway")]
    static partial void LogNotHealthyYet(ILogger logger, string service, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "LwM2M registered {Registered} | Sparkplug nodes online {NodesOnline}, devices online {DevicesOnline} | Sparkplug msg/s: devices {SparkplugOffered:0} (DDATA configured {SparkplugConfigured:0}), broker {SparkplugBroker}, host {SparkplugHost:0}, to Kafka {SparkplugKafka:0} | LwM2M msg/s: devices {Lwm2mOffered:0}, broker {Lwm2mBroker}, server {Lwm2mServer:0} | lost/s {Lost:0.#} | {Status}")]
    static partial void LogSummary(ILogger logger, int registered, int nodesOnline, int devicesOnline,
        double sparkplugOffered, double sparkplugConfigured, long sparkplugBroker, double sparkplugHost, double sparkplugKafka,
        double lwm2mOffered, long lwm2mBroker, double lwm2mServer, double lost, string status);
}
