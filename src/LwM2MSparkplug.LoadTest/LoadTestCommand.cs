using System.CommandLine;
using LwM2MSparkplug.LoadTest.Reporting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LwM2MSparkplug.LoadTest;

/// <summary>The command line: options, <c>--help</c>, validation, and what a run writes where.</summary>
public static class LoadTestCommand
{
    static readonly Option<int> Devices = new("--devices", "-n") { Description = "Virtual devices (MQTT connections, each a Sparkplug edge node and an LwM2M client).", DefaultValueFactory = _ => 100 };
    static readonly Option<double> Rate = new("--rate", "-r") { Description = "DDATA per second offered by all devices together (the ramp's first step with --find-max).", DefaultValueFactory = _ => 5_000 };
    static readonly Option<double> Duration = new("--duration", "-d") { Description = "Seconds of measured load per phase or ramp step.", DefaultValueFactory = _ => 30 };
    static readonly Option<double> Warmup = new("--warmup") { Description = "Seconds of load before each measured phase.", DefaultValueFactory = _ => 5 };
    static readonly Option<double> Drain = new("--drain") { Description = "Longest wait, after the load stops, for every hop to catch up.", DefaultValueFactory = _ => 15 };
    static readonly Option<int> Qos = new("--qos") { Description = "QoS of the data publishes: 0 (Sparkplug's DDATA) or 1.", DefaultValueFactory = _ => 0 };
    static readonly Option<double> SendInterval = new("--send-interval") { Description = "Seconds between one device's LwM2M Sends.", DefaultValueFactory = _ => 1 };
    static readonly Option<bool> NoBaseline = new("--no-baseline") { Description = "Skip the broker-only baseline phase." };
    static readonly Option<bool> FindMax = new("--find-max") { Description = "Ramp the rate (x --ramp-factor per step) until a step loses a message or exceeds --max-latency." };
    static readonly Option<double> RampFactor = new("--ramp-factor") { Description = "Rate multiplier between ramp steps.", DefaultValueFactory = _ => 1.5 };
    static readonly Option<double> MaxLatency = new("--max-latency") { Description = "Ramp steps with a p99 latency above this many milliseconds are past capacity.", DefaultValueFactory = _ => 1_000 };
    static readonly Option<double> ConnectRate = new("--connect-rate") { Description = "MQTT connects per second while the devices come up.", DefaultValueFactory = _ => 200 };
    static readonly Option<string> Group = new("--group") { Description = "Sparkplug group id of the virtual devices.", DefaultValueFactory = _ => "LoadTest" };
    static readonly Option<string> DevicePrefix = new("--device-prefix") { Description = "Prefix of the device ids (edge node id, LwM2M endpoint, MQTT client id).", DefaultValueFactory = _ => "load" };
    static readonly Option<bool> SelfContained = new("--self-contained") { Description = "Start the standalone stack in this process (embedded broker over TLS, embedded Kafka, no simulated devices)." };
    static readonly Option<string[]> Set = new("--set") { Description = "With --self-contained: stack configuration, NAME=value (docs/configuration.md), e.g. --set BROKER_MAX_PENDING_MESSAGES=1000.", AllowMultipleArgumentsPerToken = false };
    static readonly Option<string> MqttHost = new("--mqtt-host") { Description = "Broker host.", DefaultValueFactory = _ => "localhost" };
    static readonly Option<int> MqttPort = new("--mqtt-port") { Description = "Broker port (8883 for TLS).", DefaultValueFactory = _ => 1883 };
    static readonly Option<bool> Tls = new("--tls") { Description = "Connect over TLS." };
    static readonly Option<string?> CaCertificate = new("--ca-cert") { Description = "PEM file of the CA that signed the broker's certificate." };
    static readonly Option<string?> DeviceCaCertificate = new("--device-ca-cert") { Description = "PEM certificate of a device-issuing CA: each device connects with its own certificate (the Compose stack's device listener, 8884)." };
    static readonly Option<string?> DeviceCaKey = new("--device-ca-key") { Description = "PEM private key of --device-ca-cert." };
    static readonly Option<string?> Username = new("--username") { Description = "Broker user name." };
    static readonly Option<string?> Password = new("--password") { Description = "Broker password (or set LOADTEST_MQTT_PASSWORD)." };
    // The URLs are read as text: System.CommandLine 2.0 converts no Uri (nor to null), see Url.
    static readonly Option<string> HostUrl = new("--sparkplug-host-url") { Description = "Sparkplug host's base URL.", DefaultValueFactory = _ => "http://localhost:8081/" };
    static readonly Option<string> Lwm2mUrl = new("--lwm2m-server-url") { Description = "LwM2M server's base URL.", DefaultValueFactory = _ => "http://localhost:8080/" };
    static readonly Option<string> BridgeUrl = new("--bridge-url") { Description = "MQTT-to-Kafka bridge's base URL; \"\" for a stack without the bridge (its hops are left out).", DefaultValueFactory = _ => "http://localhost:8083/" };
    static readonly Option<string?> Kafka = new("--kafka") { Description = "Kafka bootstrap servers to read the bridge's records from; \"none\" to skip Kafka.", DefaultValueFactory = _ => "localhost:9092" };
    static readonly Option<string?> JsonOutput = new("--json") { Description = "Write the report as JSON to this file (\"-\" for standard output)." };
    static readonly Option<string?> MarkdownOutput = new("--markdown") { Description = "Write the report as Markdown to this file (\"-\" for standard output)." };
    static readonly Option<bool> NoLive = new("--no-live") { Description = "No live table; one line per phase (also when the output is not a terminal)." };

    public static RootCommand Create(IAnsiConsole console, ILoggerFactory loggers)
    {
        var root = new RootCommand("""
            Load test for LwM2MSparkplug: N virtual devices, each one MQTT connection that is a Sparkplug edge node
            and an LwM2M client, first through the broker to one plain subscriber (the baseline), then through the
            services to Kafka (the pipeline). Every hop is counted after a drain: offered = delivered + dropped +
            pending + unexplained, and the report says where each lost message went missing.
            """);
        foreach (var option in new Option[] { Devices, Rate, Duration, Warmup, Drain, Qos, SendInterval, NoBaseline, FindMax, RampFactor, MaxLatency, ConnectRate, Group, DevicePrefix,
            SelfContained, Set, MqttHost, MqttPort, Tls, CaCertificate, DeviceCaCertificate, DeviceCaKey, Username, Password, HostUrl, Lwm2mUrl, BridgeUrl, Kafka, JsonOutput, MarkdownOutput, NoLive })
        {
            root.Options.Add(option);
        }
        root.SetAction((parse, cancellationToken) => RunAsync(parse, console, loggers, cancellationToken));
        return root;
    }

    static async Task<int> RunAsync(ParseResult parse, IAnsiConsole console, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (options, problems) = Read(parse);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {problem}");
            }
            console.WriteLine("See --help.");
            return 2;
        }
        var interactive = options.Live && console.Profile.Capabilities.Interactive && options.JsonOutput != "-" && options.MarkdownOutput != "-";
        var view = new LiveView(console, interactive);
        var runner = new LoadTestRunner(options, loggers, view);
        var commandLine = "loadtest " + string.Join(' ', parse.Tokens.Select(t => t.Value.Length == 0 || t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));
        LoadTestReport report;
        try
        {
            report = await view.ShowAsync(() => runner.RunAsync(commandLine, cancellationToken), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            console.MarkupLineInterpolated($"[red]The load test could not run:[/] {exception.Message}");
            return 1;
        }
        await WriteAsync(options.JsonOutput, ReportWriter.ToJson(report), console, cancellationToken);
        var markdown = ReportWriter.ToMarkdown(report);
        await WriteAsync(options.MarkdownOutput, markdown, console, cancellationToken);
        if (options.MarkdownOutput != "-" && options.JsonOutput != "-")
        {
            console.WriteLine(markdown);
        }
        return report.CountsAddUp ? 0 : 3;
    }

    /// <summary>The options of a parsed command line, and what is wrong with them (one line each).</summary>
    public static (LoadTestOptions Options, IReadOnlyList<string> Problems) Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var problems = new List<string>();
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in parse.GetValue(Set) ?? [])
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.Add($"--set takes NAME=value; got '{setting}'.");
                continue;
            }
            try
            {
                settings[Stack.SelfContainedStack.ToKey(setting[..equals])] = setting[(equals + 1)..];
            }
            catch (ArgumentException exception)
            {
                problems.Add(exception.Message);
            }
        }
        var kafka = parse.GetValue(Kafka);
        var options = new LoadTestOptions
        {
            Devices = parse.GetValue(Devices),
            Rate = parse.GetValue(Rate),
            DurationSeconds = parse.GetValue(Duration),
            WarmupSeconds = parse.GetValue(Warmup),
            DrainSeconds = parse.GetValue(Drain),
            QualityOfService = parse.GetValue(Qos),
            SendIntervalSeconds = parse.GetValue(SendInterval),
            Baseline = !parse.GetValue(NoBaseline),
            FindMax = parse.GetValue(FindMax),
            RampFactor = parse.GetValue(RampFactor),
            MaxLatencyMilliseconds = parse.GetValue(MaxLatency),
            ConnectRatePerSecond = parse.GetValue(ConnectRate),
            GroupId = parse.GetValue(Group)!,
            DevicePrefix = parse.GetValue(DevicePrefix)!,
            SelfContained = parse.GetValue(SelfContained),
            StackSettings = settings,
            DeviceCaCertificate = parse.GetValue(DeviceCaCertificate),
            DeviceCaKey = parse.GetValue(DeviceCaKey),
            Mqtt = new ServiceDefaults.Mqtt.MqttConnectionOptions
            {
                Host = parse.GetValue(MqttHost)!,
                Port = parse.GetValue(MqttPort),
                UseTls = parse.GetValue(Tls),
                CaCertificate = parse.GetValue(CaCertificate),
                Username = parse.GetValue(Username),
                Password = parse.GetValue(Password) ?? Environment.GetEnvironmentVariable("LOADTEST_MQTT_PASSWORD"),
                ReconnectMinDelaySeconds = 1,
                ReconnectMaxDelaySeconds = 10,
            },
            SparkplugHostUrl = Url(parse, HostUrl, problems),
            Lwm2mServerUrl = Url(parse, Lwm2mUrl, problems),
            BridgeUrl = Url(parse, BridgeUrl, problems, none: "a stack without the bridge"),
            KafkaBootstrapServers = string.Equals(kafka, "none", StringComparison.OrdinalIgnoreCase) ? null : kafka,
            JsonOutput = parse.GetValue(JsonOutput),
            MarkdownOutput = parse.GetValue(MarkdownOutput),
            Live = !parse.GetValue(NoLive),
        };
        problems.AddRange(options.Problems());
        return (options, problems);
    }

    /// <summary>A service's base URL (http or https); with <paramref name="none"/>, "" means the service is not there.</summary>
    static Uri? Url(ParseResult parse, Option<string> option, List<string> problems, string? none = null)
    {
        var text = parse.GetValue(option);
        if (string.IsNullOrEmpty(text) && none is not null)
        {
            return null;
        }
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }
        problems.Add($"{option.Name} takes an http(s) URL{(none is null ? "" : $", or \"\" for {none}")}; got '{text}'.");
        return null;
    }

    static async Task WriteAsync(string? path, string text, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return;
        }
        if (path == "-")
        {
            console.Profile.Out.Writer.Write(text);
            return;
        }
        await File.WriteAllTextAsync(path, text, cancellationToken);
    }
}
