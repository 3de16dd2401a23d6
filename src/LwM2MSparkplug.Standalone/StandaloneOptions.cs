using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Standalone;

/// <summary>Ports and choices of the one-process stack. Section <c>Standalone</c>.</summary>
public sealed class StandaloneOptions
{
    public const string SectionName = "Standalone";

    public int Lwm2mServerPort { get; set; } = 8080;
    public int SparkplugHostPort { get; set; } = 8081;
    public int SimulatorPort { get; set; } = 8082;
    public int BridgePort { get; set; } = 8083;

    /// <summary>Partitions of each topic created in the embedded Kafka (unused with <c>KAFKA_BOOTSTRAP_SERVERS</c>).</summary>
    public int KafkaTopicPartitions { get; set; } = 3;

    /// <summary>Devices connect to the broker's TLS listener, trusting the development CA (the default), or to the plain one.</summary>
    public bool DevicesUseTls { get; set; } = true;

    /// <summary>Seconds between live summary lines; 0 turns the summary off.</summary>
    public double SummaryIntervalSeconds { get; set; } = 5;

    /// <summary>Checks the options, and with <paramref name="broker"/> whether they fit the embedded broker's.</summary>
    public sealed class Validator(Broker.EmbeddedBrokerOptions? broker = null) : IValidateOptions<StandaloneOptions>
    {
        public ValidateOptionsResult Validate(string? name, StandaloneOptions options)
        {
            var problems = new ConfigurationProblems(StandaloneSettings.Group);
            if (broker is { RequireAuthentication: true } && !options.DevicesUseTls)
            {
                problems.Add("Standalone:DevicesUseTls", "authentication is on (BROKER_REQUIRE_AUTH=true) and devices authenticate with client certificates, which need TLS; set DEVICES_USE_TLS=true, or turn authentication off.");
            }
            // 0 asks the operating system for a free port (used by the tests).
            foreach (var (key, port) in new[] { ("Standalone:Lwm2mServerPort", options.Lwm2mServerPort), ("Standalone:SparkplugHostPort", options.SparkplugHostPort), ("Standalone:SimulatorPort", options.SimulatorPort), ("Standalone:BridgePort", options.BridgePort) })
            {
                if (port != 0)
                {
                    problems.RequirePort(key, port);
                }
            }
            var fixedPorts = new[] { options.Lwm2mServerPort, options.SparkplugHostPort, options.SimulatorPort, options.BridgePort }.Where(p => p != 0).ToList();
            if (fixedPorts.Count != fixedPorts.Distinct().Count())
            {
                problems.Add("Standalone:Lwm2mServerPort", "LWM2M_SERVER_PORT, SPARKPLUG_HOST_PORT, SIMULATOR_PORT and BRIDGE_PORT must all differ.");
            }
            problems.RequireRange("Standalone:KafkaTopicPartitions", options.KafkaTopicPartitions, 1, 1000);
            if (options.SummaryIntervalSeconds < 0)
            {
                problems.Add("Standalone:SummaryIntervalSeconds", $"must be 0 (off) or a positive number of seconds; got {options.SummaryIntervalSeconds}.");
            }
            return problems.ToResult();
        }
    }
}
