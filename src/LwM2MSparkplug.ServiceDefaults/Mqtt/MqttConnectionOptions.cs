using System.Globalization;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;
using MQTTnet.Adapter;

namespace LwM2MSparkplug.ServiceDefaults.Mqtt;

/// <summary>How a service reaches the MQTT broker. Section <c>Mqtt</c>; flat names <c>MQTT_*</c>.</summary>
public sealed class MqttConnectionOptions
{
    public const string SectionName = "Mqtt";

    /// <summary>
    /// The ordered list of MQTT servers (Sparkplug 3.0's "MQTT Server" list), comma-separated
    /// <c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c> (<c>MQTT_SERVERS</c>). When set it replaces
    /// <see cref="Host"/>, <see cref="Port"/> and <see cref="UseTls"/>, which stay the one-server form. Services
    /// connect to every server at once; an edge node uses one at a time and walks the list in order.
    /// </summary>
    public string? Servers { get; set; }

    /// <summary>Settings of single servers of <see cref="Servers"/>, by position from 0 (see <see cref="MqttServerSettings"/>).</summary>
    public Dictionary<string, MqttServerSettings> PerServer { get; set; } = [];

    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 1883;
    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that signed the broker certificate. Unset: the system trust store.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>
    /// How the client reaches the broker; null: over TCP (and TLS), as MQTTnet connects. Not a setting: the standalone
    /// sets it for its own services, which reach its embedded broker in memory.
    /// </summary>
    public IMqttClientAdapterFactory? ClientAdapterFactory { get; set; }

    /// <summary>PEM client certificate and key for brokers that require one (mutual TLS).</summary>
    public string? ClientCertificate { get; set; }
    public string? ClientKey { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }

    public double KeepAliveSeconds { get; set; } = 30;

    /// <summary>First and last delay of the exponential, jittered reconnect backoff.</summary>
    public double ReconnectMinDelaySeconds { get; set; } = 1;
    public double ReconnectMaxDelaySeconds { get; set; } = 30;

    public double ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The socket's receive and send buffer limits. MQTTnet pins both (its default is 8 KiB, which turns off the
    /// kernel's auto-tuning); a receive window smaller than one segment (64 KiB on loopback) lets a subscriber that
    /// fell behind once be throttled by TCP's timers to a few hundred messages per second for good. The kernel caps
    /// the value at <c>net.core.rmem_max</c>/<c>wmem_max</c> and allocates only what is queued.
    /// </summary>
    public int SocketBufferBytes { get; set; } = 1024 * 1024;

    public TimeSpan KeepAlive => TimeSpan.FromSeconds(KeepAliveSeconds);
    public TimeSpan ReconnectMinDelay => TimeSpan.FromSeconds(ReconnectMinDelaySeconds);
    public TimeSpan ReconnectMaxDelay => TimeSpan.FromSeconds(ReconnectMaxDelaySeconds);
    public TimeSpan ConnectTimeout => TimeSpan.FromSeconds(ConnectTimeoutSeconds);

    /// <summary><c>mqtt://host:port</c> or <c>mqtts://host:port</c>, for logs.</summary>
    public string Describe() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";

    /// <summary>
    /// Each configured server as options of its own, in order: this one alone when <see cref="Servers"/> is unset;
    /// else one per listed URI, with the common settings and that server's <see cref="PerServer"/> entry. Call only
    /// on validated options.
    /// </summary>
    public IReadOnlyList<MqttConnectionOptions> ServerList()
    {
        if (string.IsNullOrWhiteSpace(Servers))
        {
            return [this];
        }
        var list = new List<MqttConnectionOptions>();
        foreach (var (uri, position) in ServerEntries(Servers).Select((text, position) => (new Uri(text, UriKind.Absolute), position)))
        {
            var server = (MqttConnectionOptions)MemberwiseClone();
            server.Servers = null;
            server.PerServer = [];
            server.Host = uri.Host;
            server.UseTls = uri.Scheme == "mqtts";
            server.Port = PortOf(uri);
            if (PerServer.TryGetValue(position.ToString(CultureInfo.InvariantCulture), out var own))
            {
                server.CaCertificate = own.CaCertificate ?? CaCertificate;
                server.ClientCertificate = own.ClientCertificate ?? ClientCertificate;
                server.ClientKey = own.ClientKey ?? ClientKey;
                server.Username = own.Username ?? Username;
                server.Password = own.Password ?? Password;
            }
            list.Add(server);
        }
        return list;
    }

    /// <summary>The URI's port, or MQTT's default for its scheme: 8883 with TLS, 1883 without.</summary>
    static int PortOf(Uri uri) => uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "mqtts" ? 8883 : 1883) : uri.Port;

    /// <summary>The entries of <see cref="Servers"/>, as written.</summary>
    static string[] ServerEntries(string servers) =>
        servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Why an entry of <see cref="Servers"/> is not a server URI, or null when it is.</summary>
    static string? ServerUriProblem(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts"))
        {
            return $"'{text}' is not mqtt://host[:port] or mqtts://host[:port]";
        }
        if (string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("" or "/") || uri.UserInfo.Length > 0 || uri.Query.Length > 0)
        {
            return $"'{text}' must be only a scheme, a host and an optional port (credentials go in Mqtt:PerServer)";
        }
        return null;
    }

    public sealed class Validator : IValidateOptions<MqttConnectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, MqttConnectionOptions options)
        {
            var problems = new ConfigurationProblems(ServiceSettings.Mqtt);
            if (!string.IsNullOrWhiteSpace(options.Servers))
            {
                ValidateServers(options, problems);
                if (problems.HasProblems)
                {
                    return problems.ToResult();
                }
                foreach (var (server, position) in options.ServerList().Select((server, position) => (server, position)))
                {
                    var own = new ConfigurationProblems(ServiceSettings.Mqtt);
                    ValidateOne(server, own);
                    problems.AddAll($"server {position} of MQTT_SERVERS ({server.Describe()}, settings Mqtt:PerServer:{position})", own);
                }
                return problems.ToResult();
            }
            ValidateOne(options, problems);
            return problems.ToResult();
        }

        static void ValidateServers(MqttConnectionOptions options, ConfigurationProblems problems)
        {
            var entries = ServerEntries(options.Servers!);
            foreach (var entry in entries)
            {
                if (ServerUriProblem(entry) is { } problem)
                {
                    problems.Add("Mqtt:Servers", problem + "; set MQTT_SERVERS to a comma-separated list such as mqtts://a:8883,mqtts://b:8883.");
                }
            }
            foreach (var position in options.PerServer.Keys)
            {
                // Written as the list counts (0, 1, …): "01" would pass a number check and then match no server.
                if (!int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= entries.Length
                    || index.ToString(CultureInfo.InvariantCulture) != position)
                {
                    problems.Add($"Mqtt:PerServer:{position}", $"is not the position of a server in MQTT_SERVERS (0 to {entries.Length - 1}).");
                }
            }
            var repeated = entries.Where(entry => ServerUriProblem(entry) is null)
                .Select(entry => new Uri(entry, UriKind.Absolute))
                .GroupBy(uri => $"{uri.Host.ToLowerInvariant()}:{PortOf(uri)}", StringComparer.Ordinal)
                .Where(group => group.Count() > 1)
                .Select(group => group.Key);
            foreach (var server in repeated)
            {
                problems.Add("Mqtt:Servers", $"{server} is listed more than once; each server once (a service would connect to it twice with one client id, and the two connections would keep taking each other over).");
            }
        }

        static void ValidateOne(MqttConnectionOptions options, ConfigurationProblems problems)
        {
            problems.RequireNotEmpty("Mqtt:Host", options.Host, "set MQTT_HOST to the broker's host name.");
            problems.RequirePort("Mqtt:Port", options.Port);
            problems.RequireFile("Mqtt:CaCertificate", options.CaCertificate, "point MQTT_CA_CERT at the broker CA's PEM file, or unset it to use the system trust store.");
            problems.RequireFile("Mqtt:ClientCertificate", options.ClientCertificate, "point MQTT_CLIENT_CERT at a PEM certificate.");
            problems.RequireFile("Mqtt:ClientKey", options.ClientKey, "point MQTT_CLIENT_KEY at the certificate's PEM private key.");
            if (options.ClientCertificate is null != options.ClientKey is null)
            {
                problems.Add("Mqtt:ClientCertificate", "a client certificate needs its key: set both MQTT_CLIENT_CERT and MQTT_CLIENT_KEY, or neither.");
            }
            if (!options.UseTls && (options.CaCertificate is not null || options.ClientCertificate is not null))
            {
                problems.Add("Mqtt:UseTls", "certificates are configured but TLS is off; set MQTT_USE_TLS=true (and usually MQTT_PORT=8883).");
            }
            if (options.Password is not null && options.Username is null)
            {
                problems.Add("Mqtt:Username", "a password is set without a user name; set MQTT_USERNAME.");
            }
            problems.RequireRange("Mqtt:KeepAliveSeconds", (long)options.KeepAliveSeconds, 1, ushort.MaxValue);
            problems.RequirePositive("Mqtt:ReconnectMinDelaySeconds", options.ReconnectMinDelaySeconds);
            problems.RequirePositive("Mqtt:ReconnectMaxDelaySeconds", options.ReconnectMaxDelaySeconds);
            problems.RequirePositive("Mqtt:ConnectTimeoutSeconds", options.ConnectTimeoutSeconds);
            problems.RequireRange("Mqtt:SocketBufferBytes", options.SocketBufferBytes, 4096, 64 * 1024 * 1024);
            if (options.ReconnectMaxDelaySeconds < options.ReconnectMinDelaySeconds)
            {
                problems.Add("Mqtt:ReconnectMaxDelaySeconds", "must not be smaller than MQTT_RECONNECT_MIN_SECONDS.");
            }
        }
    }
}
