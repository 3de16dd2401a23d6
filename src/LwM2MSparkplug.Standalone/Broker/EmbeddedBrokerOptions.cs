using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Standalone.Broker;

/// <summary>The embedded MQTT broker. Section <c>Broker</c>.</summary>
public sealed class EmbeddedBrokerOptions
{
    public const string SectionName = "Broker";

    public int Port { get; set; } = 1883;
    public int TlsPort { get; set; } = 8883;

    /// <summary>
    /// Where the development CA and broker certificate are created on first run (git-ignored); with authentication on,
    /// also the device CA, in its sub-folder <c>device-ca</c>.
    /// </summary>
    public string CertificateDirectory { get; set; } = ".dev-certs";

    /// <summary>
    /// Off by default for development, so <c>mosquitto_sub -h localhost -t '#' -v</c> just works.
    /// On: the Compose stack's rules. Devices authenticate with a client certificate from the device CA (identity and
    /// client id: its common name); each in-process service has an account of its own; people's tools use
    /// <see cref="Username"/> and <see cref="Password"/>, read-only. See docs/standalone-authentication.md.
    /// </summary>
    public bool RequireAuthentication { get; set; }

    /// <summary>The account for people's tools when authentication is on: reads every topic and <c>$SYS</c>, publishes nothing.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// The OMA binding's topic prefix, for the access rules: not a broker setting of its own, but the LwM2M server's
    /// <c>Lwm2mServer:OmaPrefix</c> (<c>LWM2M_OMA_PREFIX</c>), copied in at start.
    /// </summary>
    public string? OmaPrefix { get; set; }

    /// <summary>
    /// Messages queued per client while it is slow or away (persistent sessions, e.g. the Kafka bridge's). Past it the
    /// oldest queued message is dropped and counted. 100,000 rides out ten seconds of the default fleet's Sparkplug
    /// traffic at about 20 MB per slow client.
    /// </summary>
    public int MaxPendingMessagesPerClient { get; set; } = 100_000;

    /// <summary>
    /// The largest MQTT packet a client may send, in bytes, fixed header included (MQTT 5's Maximum Packet Size, which
    /// the broker advertises in CONNACK). A packet whose fixed header claims more is refused before its body is read or
    /// allocated: the connection is closed (an MQTT 5 client first gets DISCONNECT 0x95 Packet too large), counted and
    /// logged. 4 MiB is four times the largest payload any service accepts (<c>SPARKPLUG_MAX_PAYLOAD_BYTES</c>, 1 MiB).
    /// Raise it only for clients that really send larger messages: each connection may hold one packet of this size.
    /// </summary>
    public int MaxPacketBytes { get; set; } = DefaultMaxPacketBytes;

    /// <summary>4 MiB; see <see cref="MaxPacketBytes"/>.</summary>
    public const int DefaultMaxPacketBytes = 4 * 1024 * 1024;

    /// <summary>How often the <c>$SYS/broker/…</c> totals are published, as Mosquitto's <c>sys_interval</c>; 0: never.</summary>
    public double SysIntervalSeconds { get; set; } = 10;

    /// <summary>Extra host names the broker certificate is valid for, besides localhost and this machine's name.</summary>
    public IList<string> HostNames { get; } = [];

    public sealed class Validator : IValidateOptions<EmbeddedBrokerOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmbeddedBrokerOptions options)
        {
            var problems = new ConfigurationProblems(StandaloneSettings.Group);
            problems.RequirePort("Broker:Port", options.Port);
            problems.RequirePort("Broker:TlsPort", options.TlsPort);
            if (options.Port == options.TlsPort)
            {
                problems.Add("Broker:TlsPort", "must differ from BROKER_PORT.");
            }
            problems.RequireRange("Broker:MaxPendingMessagesPerClient", options.MaxPendingMessagesPerClient, 1, 100_000_000);
            // MQTT's remaining length ends at 268,435,455 bytes, plus at most five bytes of fixed header.
            problems.RequireRange("Broker:MaxPacketBytes", options.MaxPacketBytes, 1024, 268_435_460);
            if (options.SysIntervalSeconds < 0)
            {
                problems.Add("Broker:SysIntervalSeconds", $"must be 0 (off) or a positive number of seconds; got {options.SysIntervalSeconds}.");
            }
            problems.RequireNotEmpty("Broker:CertificateDirectory", options.CertificateDirectory, "set BROKER_CERT_DIR to a writable folder.");
            if (options.RequireAuthentication)
            {
                problems.RequireNotEmpty("Broker:Username", options.Username, "authentication is on (BROKER_REQUIRE_AUTH=true), so set BROKER_USERNAME.");
                problems.RequireNotEmpty("Broker:Password", options.Password, "authentication is on (BROKER_REQUIRE_AUTH=true), so set BROKER_PASSWORD.");
                if (options.Username is { } username && Access.BrokerAccounts.ServiceNames.Contains(username, StringComparer.Ordinal))
                {
                    problems.Add("Broker:Username", $"'{username}' is the account of an in-process service ({string.Join(", ", Access.BrokerAccounts.ServiceNames)}); choose another user name for people's tools, e.g. monitor.");
                }
            }
            return problems.ToResult();
        }
    }
}
