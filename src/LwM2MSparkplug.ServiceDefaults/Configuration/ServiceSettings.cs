using LwM2MSparkplug.ServiceDefaults.Api;
using LwM2MSparkplug.ServiceDefaults.Health;
using LwM2MSparkplug.ServiceDefaults.Logging;
using LwM2MSparkplug.ServiceDefaults.Mqtt;

namespace LwM2MSparkplug.ServiceDefaults.Configuration;

/// <summary>The settings every service reads: its MQTT connection, and its hosting and logging.</summary>
public static class ServiceSettings
{
    static readonly MqttConnectionOptions MqttDefaults = new();
    static readonly HealthOptions HealthDefaults = new();
    static readonly LogRepeatOptions LogRepeatDefaults = new();
    static readonly ApiKeyOptions ApiDefaults = new();

    public static SettingGroup Mqtt { get; } = new("MQTT connection",
    [
        new("MQTT_SERVERS", "Mqtt:Servers", "Several MQTT servers, in order, comma-separated: mqtts://a:8883,mqtts://b:8883 (scheme mqtt or mqtts, port default 1883 or 8883)."),
        new("MQTT_HOST", "Mqtt:Host", "Broker host name.") { Default = MqttDefaults.Host },
        new("MQTT_PORT", "Mqtt:Port", "Broker port (8883 for TLS).") { Default = MqttDefaults.Port },
        new("MQTT_USE_TLS", "Mqtt:UseTls", "Connect with TLS.") { Default = MqttDefaults.UseTls },
        new("MQTT_CA_CERT", "Mqtt:CaCertificate", "PEM file of the CA that signed the broker certificate.") { DefaultText = "system trust" },
        new("MQTT_CLIENT_CERT", "Mqtt:ClientCertificate", "PEM client certificate, for brokers that require one."),
        new("MQTT_CLIENT_KEY", "Mqtt:ClientKey", "PEM private key of the client certificate."),
        new("MQTT_USERNAME", "Mqtt:Username", "User name."),
        new("MQTT_PASSWORD", "Mqtt:Password", "Password."),
        new("MQTT_KEEPALIVE_SECONDS", "Mqtt:KeepAliveSeconds", "MQTT keep-alive.") { Default = MqttDefaults.KeepAliveSeconds },
        new("MQTT_RECONNECT_MIN_SECONDS", "Mqtt:ReconnectMinDelaySeconds", "First reconnect delay; it doubles (with jitter) on each failure.") { Default = MqttDefaults.ReconnectMinDelaySeconds },
        new("MQTT_RECONNECT_MAX_SECONDS", "Mqtt:ReconnectMaxDelaySeconds", "Longest reconnect delay.") { Default = MqttDefaults.ReconnectMaxDelaySeconds },
        new("MQTT_SOCKET_BUFFER_BYTES", "Mqtt:SocketBufferBytes", "Receive and send buffer limit of the client's socket (4 KiB to 64 MiB; the kernel caps it at net.core.rmem_max/wmem_max and allocates only what is queued).") { Default = MqttDefaults.SocketBufferBytes },
    ]);

    public static SettingGroup Hosting { get; } = new("Hosting and logging",
    [
        new("HTTP_PORT", "Http:Port", "Port of /api/..., /metrics and /api/health.") { DefaultText = "per service" },
        new("HEALTH_DEGRADED_WINDOW_SECONDS", "Health:DegradedWindowSeconds", "/api/health says degraded while one of the service's counters of loss or lag grew within this many seconds (the answer names which, and why it matters).") { Default = HealthDefaults.DegradedWindowSeconds },
        new("LOG_LEVEL", "Serilog:MinimumLevel:Default", "Least level logged: Verbose, Debug, Information, Warning or Error.") { DefaultText = "Information" },
        new("LOG_FORMAT", "Logging:Format", "text for people, json for log shippers (compact JSON, one event per line).") { DefaultText = "text" },
        new("LOG_REPEAT_LIMIT", "Logging:RepeatLimit", "Warnings and errors with the same message and reason written per window; the rest are counted and summed up in one line (0: write every one).") { Default = LogRepeatDefaults.RepeatLimit },
        new("LOG_REPEAT_WINDOW_SECONDS", "Logging:RepeatWindowSeconds", "The window LOG_REPEAT_LIMIT counts in.") { Default = LogRepeatDefaults.RepeatWindowSeconds },
        new("API_KEY", "Api:Key", "When set (16 or more printable ASCII characters), REST requests that change something need it, as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."),
        new("API_PROTECT_READS", "Api:ProtectReads", "Require the key for reads under /api/ and the /ws/ streams too; /api/health and /metrics stay open.") { Default = ApiDefaults.ProtectReads },
    ]);

    /// <summary>The OMA binding's topic prefix: the LwM2M server, the simulator and the bridge must agree on it.</summary>
    public static Setting OmaPrefix { get; } = new("LWM2M_OMA_PREFIX", "Lwm2mServer:OmaPrefix", "Topic prefix of the OMA binding, one or more levels such as tenant-a (tenant-a/lwm2m/rd/{ep}); empty for none.") { DefaultText = "empty" };
}
