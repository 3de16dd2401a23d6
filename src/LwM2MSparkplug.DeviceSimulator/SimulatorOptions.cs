using System.Text;
using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Lwm2m.Mqtt;
using LwM2MSparkplug.Protocols.Lwm2m.Oma;
using LwM2MSparkplug.Protocols.Sparkplug.Topics;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.DeviceSimulator;

/// <summary>Device simulator settings. Section <c>Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Devices run by this process; scale further with more replicas.</summary>
    public int DeviceCount { get; set; } = 2;

    /// <summary>
    /// Device ids are <c>{prefix}-{n:000}</c>. Unset: <c>sim-{host name}</c>, which differs between replicas
    /// (a container's host name is its id), so ids never collide across replicas.
    /// </summary>
    public string? DeviceIdPrefix { get; set; }

    /// <summary>Seconds between the LwM2M Send reports of each device (the original's LWM2M_INTERVAL).</summary>
    public double Lwm2mIntervalSeconds { get; set; } = 0.2;

    /// <summary>LwM2M registration lifetime in seconds.</summary>
    public int Lwm2mLifetimeSeconds { get; set; } = 3600;

    /// <summary>
    /// Whether the devices register in queue mode (LwM2M 1.2 Core §6.5), so the server holds requests while it takes
    /// them to be asleep. They stay connected and answer whatever arrives.
    /// </summary>
    public bool Lwm2mQueueMode { get; set; }

    /// <summary>
    /// The LwM2M wire dialect of the devices: <c>json</c> (the project's JSON contract, docs/lwm2m-over-mqtt.md),
    /// <c>oma</c> (OMA's LwM2M 1.2 MQTT binding) or <c>mixed</c> (every second device, the even-numbered ones, speaks
    /// OMA), so one fleet exercises a server's two dialects side by side.
    /// </summary>
    public string Lwm2mDialect { get; set; } = JsonContractDialect.DialectName;

    /// <summary>
    /// The OMA binding's topic prefix (<c>{prefix}/lwm2m/rd/{endpoint}</c>), e.g. a tenant; empty for none. It must be
    /// the LwM2M server's: unset here, it is the server's <see cref="OmaPrefixKey"/>, which LWM2M_OMA_PREFIX sets for both.
    /// </summary>
    public string? Lwm2mOmaPrefix { get; set; }

    /// <summary>The LwM2M server's key for the OMA topic prefix; the simulator's default for <see cref="Lwm2mOmaPrefix"/>.</summary>
    public const string OmaPrefixKey = "Lwm2mServer:OmaPrefix";

    public const string MixedDialects = "mixed";

    /// <summary>Seconds between Sparkplug DDATA messages of each device (the original's TELEMETRY_INTERVAL).</summary>
    public double TelemetryIntervalSeconds { get; set; } = 0.0105;

    public string SparkplugGroupId { get; set; } = "IIoT";

    /// <summary>The Sparkplug device id of each edge node's sensor.</summary>
    public string SparkplugDeviceId { get; set; } = "sensor";

    /// <summary>Send DDATA metrics by alias only (births still carry names and aliases).</summary>
    public bool UseAliases { get; set; } = true;

    /// <summary>
    /// Repeat each metric's datatype in DDATA. Off by default, as the specification recommends; turn it on for
    /// consumers that decode messages without the birth certificate (e.g. Eclipse Tahu's JavaScript decoder).
    /// </summary>
    public bool DataTypesInData { get; set; }

    /// <summary>When set, births wait for this host application's STATE online (Sparkplug 3.0 §5.x primary host).</summary>
    public string? PrimaryHostId { get; set; }

    /// <summary>Where each device keeps its next bdSeq across restarts.</summary>
    public string StateDirectory { get; set; } = Path.Combine(".state", "simulator");

    /// <summary>Battery drain of the simulated sensor, in percent per hour; it recharges when nearly empty.</summary>
    public double BatteryDrainPercentPerHour { get; set; } = 30;

    /// <summary>How long a device waits for the answer to its Register (or Update) before it registers again.</summary>
    public double RegistrationRetrySeconds { get; set; } = 10;

    /// <summary>The longest wait between Register retries: it doubles from <see cref="RegistrationRetrySeconds"/> up to this.</summary>
    public double RegistrationRetryMaxSeconds { get; set; } = 300;

    /// <summary>
    /// Publishes a device may have waiting for its connection. While more are waiting, the device's scheduled work
    /// (data, Send, notifications) waits until the queue has drained, so a device never piles up what it cannot send.
    /// </summary>
    public int SendQueueLimit { get; set; } = 100;

    /// <summary>
    /// Sparkplug commands and LwM2M requests larger than this are refused unread: counted, and an LwM2M request is
    /// answered 4.00 saying so.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// MQTT connects per second for the whole fleet, reconnects included: a fleet that starts, or whose broker comes
    /// back, arrives as a steady stream of TLS handshakes rather than a storm.
    /// </summary>
    public double ConnectRatePerSecond { get; set; } = 100;

    /// <summary>Devices are started this far apart, so a large fleet does not connect in one burst.</summary>
    public double StartIntervalSeconds { get; set; } = 0.01;

    /// <summary>
    /// <c>/api/health</c> is healthy while at least this fraction of the devices is connected, degraded below it and
    /// unhealthy with none. Lower it for large fleets in which a few devices are always reconnecting.
    /// </summary>
    public double HealthyConnectedFraction { get; set; } = 1;

    /// <summary>
    /// Share of the data intervals due that devices may skip for running late (timer jitter, a busy moment) before
    /// <c>/api/health</c> says degraded.
    /// </summary>
    public double ToleratedMissedIntervalShare { get; set; } = 0.01;

    /// <summary>
    /// PEM certificate of the device-issuing CA. With <see cref="DeviceCaKey"/>, every device gets its own TLS client
    /// certificate at start (common name = device id, kept in memory only), so a broker that takes the identity from
    /// the certificate gives each device its own client id and topics. Unset: devices use <c>Mqtt:*</c> credentials.
    /// </summary>
    public string? DeviceCaCertificate { get; set; }

    /// <summary>PEM private key of <see cref="DeviceCaCertificate"/>.</summary>
    public string? DeviceCaKey { get; set; }

    /// <summary>Validity of each device certificate, from the process start.</summary>
    public double DeviceCertificateValidityDays { get; set; } = 30;

    public TimeSpan Lwm2mInterval => TimeSpan.FromSeconds(Lwm2mIntervalSeconds);
    public TimeSpan TelemetryInterval => TimeSpan.FromSeconds(TelemetryIntervalSeconds);
    public TimeSpan StartInterval => TimeSpan.FromSeconds(StartIntervalSeconds);
    public TimeSpan RegistrationRetryInterval => TimeSpan.FromSeconds(RegistrationRetrySeconds);

    public string EffectivePrefix => DeviceIdPrefix ?? DefaultPrefix(Environment.MachineName);

    public string DeviceId(int index) => $"{EffectivePrefix}-{index:D3}";

    /// <summary>The LwM2M dialect of device <paramref name="index"/> (counted from 1): <c>json</c> or <c>oma</c>.</summary>
    public string Lwm2mDialectOf(int index) =>
        Lwm2mDialect.Equals(OmaClientDialect.DialectName, StringComparison.OrdinalIgnoreCase)
        || (Lwm2mDialect.Equals(MixedDialects, StringComparison.OrdinalIgnoreCase) && index % 2 == 0)
            ? OmaClientDialect.DialectName
            : JsonContractDialect.DialectName;

    /// <summary>A prefix from a host name: lower case, letters, digits and dashes only.</summary>
    public static string DefaultPrefix(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        var builder = new StringBuilder("sim-");
        foreach (var c in hostName.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return builder.ToString().TrimEnd('-');
    }

    public sealed class Validator : IValidateOptions<SimulatorOptions>
    {
        public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
        {
            var problems = new ConfigurationProblems(SimulatorSettings.Group);
            problems.RequireRange("Simulator:DeviceCount", options.DeviceCount, 0, 100_000);
            problems.RequirePositive("Simulator:Lwm2mIntervalSeconds", options.Lwm2mIntervalSeconds);
            problems.RequirePositive("Simulator:TelemetryIntervalSeconds", options.TelemetryIntervalSeconds);
            problems.RequireRange("Simulator:Lwm2mLifetimeSeconds", options.Lwm2mLifetimeSeconds, 1, uint.MaxValue);
            problems.RequirePositive("Simulator:RegistrationRetrySeconds", options.RegistrationRetrySeconds);
            if (options.RegistrationRetryMaxSeconds < options.RegistrationRetrySeconds)
            {
                problems.Add("Simulator:RegistrationRetryMaxSeconds", $"must not be smaller than LWM2M_REGISTRATION_RETRY_SECONDS ({options.RegistrationRetrySeconds}); got {options.RegistrationRetryMaxSeconds}.");
            }
            if (!(options.ConnectRatePerSecond > 0) || double.IsInfinity(options.ConnectRatePerSecond))
            {
                problems.Add("Simulator:ConnectRatePerSecond", $"must be a positive number of connects per second; got {options.ConnectRatePerSecond}.");
            }
            problems.RequireRange("Simulator:SendQueueLimit", options.SendQueueLimit, 1, 1_000_000);
            problems.RequireRange("Simulator:MaxMessageBytes", options.MaxMessageBytes, 1, 256 * 1024 * 1024);
            if (options.StartIntervalSeconds < 0)
            {
                problems.Add("Simulator:StartIntervalSeconds", $"must be 0 or more seconds; got {options.StartIntervalSeconds}.");
            }
            if (!(options.HealthyConnectedFraction is > 0 and <= 1))
            {
                problems.Add("Simulator:HealthyConnectedFraction", $"must be a fraction above 0 and at most 1 (e.g. 0.95 for 95 %); got {options.HealthyConnectedFraction}.");
            }
            if (!(options.ToleratedMissedIntervalShare is >= 0 and < 1))
            {
                problems.Add("Simulator:ToleratedMissedIntervalShare", $"must be a fraction from 0 to below 1 (e.g. 0.01 for 1 %); got {options.ToleratedMissedIntervalShare}.");
            }
            if (options.BatteryDrainPercentPerHour < 0)
            {
                problems.Add("Simulator:BatteryDrainPercentPerHour", $"must be 0 or more; got {options.BatteryDrainPercentPerHour}.");
            }
            var sample = options.DeviceId(Math.Max(options.DeviceCount, 1));
            if (SparkplugTopic.ValidateId(sample) != SparkplugTopicError.None || Lwm2mTopic.ValidateEndpoint(sample) != Lwm2mTopicError.None)
            {
                problems.Add("Simulator:DeviceIdPrefix", $"gives device ids like '{sample}', which are not valid MQTT topic levels; use letters, digits and dashes.");
            }
            foreach (var (key, id) in new[] { ("Simulator:SparkplugGroupId", options.SparkplugGroupId), ("Simulator:SparkplugDeviceId", options.SparkplugDeviceId), ("Simulator:PrimaryHostId", options.PrimaryHostId) })
            {
                if (id is not null && SparkplugTopic.ValidateId(id) != SparkplugTopicError.None)
                {
                    problems.Add(key, $"'{id}' is not a valid Sparkplug id: it must be non-empty without '+', '/' or '#'.");
                }
            }
            if (!new[] { JsonContractDialect.DialectName, OmaClientDialect.DialectName, MixedDialects }.Contains(options.Lwm2mDialect, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add("Simulator:Lwm2mDialect", $"must be json (the project's JSON contract), oma (OMA's LwM2M 1.2 MQTT binding) or mixed (every second device speaks oma); got '{options.Lwm2mDialect}'. Set LWM2M_DIALECT to one of them.");
            }
            if (OmaTopic.ValidatePrefix(options.Lwm2mOmaPrefix) != OmaTopicError.None)
            {
                problems.Add("Simulator:Lwm2mOmaPrefix", $"'{options.Lwm2mOmaPrefix}' is not a topic prefix: set LWM2M_OMA_PREFIX to topic levels without '+', '#' or an empty level (e.g. tenant-a or tenant-a/site-1), or leave it empty for none.");
            }
            problems.RequireNotEmpty("Simulator:StateDirectory", options.StateDirectory, "set SIMULATOR_STATE_DIR to a writable folder.");
            if (options.DeviceCaCertificate is null != options.DeviceCaKey is null)
            {
                problems.Add("Simulator:DeviceCaCertificate", "the device-issuing CA needs its certificate and its key: set both DEVICE_CA_CERT and DEVICE_CA_KEY, or neither.");
            }
            problems.RequireFile("Simulator:DeviceCaCertificate", options.DeviceCaCertificate, "point DEVICE_CA_CERT at the PEM certificate of the device-issuing CA.");
            problems.RequireFile("Simulator:DeviceCaKey", options.DeviceCaKey, "point DEVICE_CA_KEY at the PEM private key of the device-issuing CA.");
            if (!(options.DeviceCertificateValidityDays is > 0 and <= 3650))
            {
                problems.Add("Simulator:DeviceCertificateValidityDays", $"must be more than 0 and at most 3650 days; got {options.DeviceCertificateValidityDays}.");
            }
            return problems.ToResult();
        }
    }
}
