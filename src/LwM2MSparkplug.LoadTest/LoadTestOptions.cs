using LwM2MSparkplug.ServiceDefaults.Mqtt;

namespace LwM2MSparkplug.LoadTest;

/// <summary>What one load-test run does and where the stack under test is; set from the command line.</summary>
public sealed class LoadTestOptions
{
    /// <summary>Virtual devices: MQTT connections, each a Sparkplug edge node and an LwM2M client.</summary>
    public int Devices { get; set; } = 100;

    /// <summary>DDATA per second offered by all devices together (each device at <c>Rate / Devices</c>).</summary>
    public double Rate { get; set; } = 5_000;

    /// <summary>Seconds of load in each measured phase (or each step of <see cref="FindMax"/>).</summary>
    public double DurationSeconds { get; set; } = 30;

    /// <summary>Seconds of load before a phase's counts start, so start-up effects are not measured.</summary>
    public double WarmupSeconds { get; set; } = 5;

    /// <summary>Longest wait after the load stops for every hop to catch up before counting what is missing as lost.</summary>
    public double DrainSeconds { get; set; } = 15;

    /// <summary>QoS of the devices' data publishes (Sparkplug specifies 0 for DDATA; 1 shows the at-least-once path).</summary>
    public int QualityOfService { get; set; }

    /// <summary>Seconds between one device's LwM2M Sends; 0: no Sends.</summary>
    public double SendIntervalSeconds { get; set; } = 1;

    /// <summary>Run the broker-only baseline phase before the pipeline phase.</summary>
    public bool Baseline { get; set; } = true;

    /// <summary>Ramp the rate until a step loses messages or exceeds <see cref="MaxLatencyMilliseconds"/>, per phase.</summary>
    public bool FindMax { get; set; }

    /// <summary>With <see cref="FindMax"/>: the p99 latency above which a step counts as past capacity.</summary>
    public double MaxLatencyMilliseconds { get; set; } = 1_000;

    /// <summary>With <see cref="FindMax"/>: each step's rate is the previous one times this.</summary>
    public double RampFactor { get; set; } = 1.5;

    /// <summary>MQTT connects per second while the devices come up.</summary>
    public double ConnectRatePerSecond { get; set; } = 200;

    /// <summary>Sparkplug group of the virtual devices: their records are told apart from other traffic by it.</summary>
    public string GroupId { get; set; } = "LoadTest";

    /// <summary>Prefix of the virtual devices' ids (edge node id = LwM2M endpoint = MQTT client id).</summary>
    public string DevicePrefix { get; set; } = "load";

    /// <summary>
    /// PEM certificate and key of a device-issuing CA: each virtual device then connects with a certificate of its
    /// own (common name = device id), as on the Compose stack's device listener. Null: the <see cref="Mqtt"/> credentials.
    /// </summary>
    public string? DeviceCaCertificate { get; set; }

    /// <summary>PEM private key of <see cref="DeviceCaCertificate"/>.</summary>
    public string? DeviceCaKey { get; set; }

    /// <summary>The broker the devices connect to (ignored with <see cref="SelfContained"/>).</summary>
    public MqttConnectionOptions Mqtt { get; set; } = new();

    /// <summary>Start the standalone stack in this process (embedded broker and Kafka, no simulated devices).</summary>
    public bool SelfContained { get; set; }

    /// <summary>With <see cref="SelfContained"/>: configuration for the stack, flat names (<c>BROKER_MAX_PENDING_MESSAGES=100</c>).</summary>
    public IReadOnlyDictionary<string, string> StackSettings { get; set; } = new Dictionary<string, string>();

    public Uri? SparkplugHostUrl { get; set; } = new("http://localhost:8081/");
    public Uri? Lwm2mServerUrl { get; set; } = new("http://localhost:8080/");
    public Uri? BridgeUrl { get; set; } = new("http://localhost:8083/");

    /// <summary>Kafka to read the bridge's records from; null: Kafka is not counted.</summary>
    public string? KafkaBootstrapServers { get; set; } = "localhost:9092";

    /// <summary>Write the report as JSON here ("-" for standard output).</summary>
    public string? JsonOutput { get; set; }

    /// <summary>Write the report as Markdown here ("-" for standard output).</summary>
    public string? MarkdownOutput { get; set; }

    /// <summary>Show the live progress table (off when the output is not a terminal).</summary>
    public bool Live { get; set; } = true;

    /// <summary>What is wrong with these options, one line each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Require(Devices is >= 1 and <= 100_000, $"--devices must be 1 to 100000; got {Devices}.");
        Require(Rate > 0 && double.IsFinite(Rate), $"--rate must be a positive number of DDATA per second; got {Rate}.");
        Require(DurationSeconds > 0, $"--duration must be a positive number of seconds; got {DurationSeconds}.");
        Require(WarmupSeconds >= 0, $"--warmup must be 0 or more seconds; got {WarmupSeconds}.");
        Require(DrainSeconds >= 0, $"--drain must be 0 or more seconds; got {DrainSeconds}.");
        Require(QualityOfService is 0 or 1, $"--qos must be 0 or 1; got {QualityOfService}.");
        Require(SendIntervalSeconds > 0, $"--send-interval must be a positive number of seconds; got {SendIntervalSeconds}.");
        Require(RampFactor > 1, $"--ramp-factor must be above 1; got {RampFactor}.");
        Require(MaxLatencyMilliseconds > 0, $"--max-latency must be a positive number of milliseconds; got {MaxLatencyMilliseconds}.");
        Require(ConnectRatePerSecond > 0, $"--connect-rate must be a positive number of connects per second; got {ConnectRatePerSecond}.");
        Require(!string.IsNullOrWhiteSpace(GroupId) && !GroupId.AsSpan().ContainsAny("/+#"), $"--group must be a Sparkplug group id (no '/', '+', '#'); got '{GroupId}'.");
        Require(!string.IsNullOrWhiteSpace(DevicePrefix) && !DevicePrefix.AsSpan().ContainsAny("/+#"), $"--device-prefix must be usable in topics (no '/', '+', '#'); got '{DevicePrefix}'.");
        Require(DeviceCaCertificate is null == DeviceCaKey is null, "--device-ca-cert and --device-ca-key go together: the device-issuing CA needs its certificate and its key.");
        Require(DeviceCaCertificate is null || File.Exists(DeviceCaCertificate), $"--device-ca-cert: file '{DeviceCaCertificate}' does not exist.");
        Require(DeviceCaKey is null || File.Exists(DeviceCaKey), $"--device-ca-key: file '{DeviceCaKey}' does not exist.");
        Require(SelfContained || StackSettings.Count == 0, "--set configures the stack that --self-contained starts; without --self-contained configure your stack itself.");
        return problems;

        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }
    }
}
