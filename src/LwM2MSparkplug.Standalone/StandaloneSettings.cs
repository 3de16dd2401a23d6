using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.KafkaBridge;
using LwM2MSparkplug.Lwm2mServer;
using LwM2MSparkplug.SparkplugHost;
using LwM2MSparkplug.Standalone.Broker;

namespace LwM2MSparkplug.Standalone;

/// <summary>The standalone process's own settings: the embedded broker (<see cref="EmbeddedBrokerOptions"/>) and where each service listens (<see cref="StandaloneOptions"/>).</summary>
public static class StandaloneSettings
{
    static readonly StandaloneOptions Defaults = new();
    static readonly EmbeddedBrokerOptions BrokerDefaults = new();

    public static SettingGroup Group { get; } = new("Standalone: embedded broker and service ports",
    [
        new("BROKER_PORT", "Broker:Port", "Embedded broker, plain MQTT.") { Default = BrokerDefaults.Port, Aliases = ["--mqtt-port"] },
        new("BROKER_TLS_PORT", "Broker:TlsPort", "Embedded broker, MQTT over TLS.") { Default = BrokerDefaults.TlsPort, Aliases = ["--mqtts-port"] },
        new("BROKER_CERT_DIR", "Broker:CertificateDirectory", "Development CA and broker certificate, created on first run (git-ignored); with authentication on, also the device CA in device-ca/.") { Default = BrokerDefaults.CertificateDirectory },
        new("BROKER_REQUIRE_AUTH", "Broker:RequireAuthentication", "Off: anonymous clients may publish and subscribe anywhere (development).") { Default = BrokerDefaults.RequireAuthentication },
        new("BROKER_USERNAME", "Broker:Username", "With authentication on, the account for people's tools (mosquitto_sub -u …): it reads every topic and $SYS, publishes nothing, and its client id is the user name."),
        new("BROKER_PASSWORD", "Broker:Password", "Its password."),
        new("BROKER_MAX_PENDING_MESSAGES", "Broker:MaxPendingMessagesPerClient", "Messages queued per client while it reads slower than they arrive; past it the oldest is dropped …") { Default = BrokerDefaults.MaxPendingMessagesPerClient },
        new("BROKER_MAX_PACKET_BYTES", "Broker:MaxPacketBytes", "Largest MQTT packet a client may send, fixed header included (1 KiB to 268435460).") { Default = BrokerDefaults.MaxPacketBytes },
        new("BROKER_SYS_INTERVAL_SECONDS", "Broker:SysIntervalSeconds", "How often the embedded broker publishes Mosquitto's $SYS/broker/clients/connected, …/publish/messages/received and …/publish/messages/dropped (retained); 0: never.") { Default = BrokerDefaults.SysIntervalSeconds },
        new("DEVICES_USE_TLS", "Standalone:DevicesUseTls", "Devices connect over TLS to BROKER_TLS_PORT, trusting the development CA.") { Default = Defaults.DevicesUseTls },
        new("LWM2M_SERVER_PORT", "Standalone:Lwm2mServerPort", "HTTP port of the LwM2M server.") { Default = Defaults.Lwm2mServerPort , Aliases = ["--lwm2m-port"] },
        new("SPARKPLUG_HOST_PORT", "Standalone:SparkplugHostPort", "HTTP port of the Sparkplug host.") { Default = Defaults.SparkplugHostPort, Aliases = ["--sparkplug-port"] },
        new("SIMULATOR_PORT", "Standalone:SimulatorPort", "HTTP port of the device simulator.") { Default = Defaults.SimulatorPort, Aliases = ["--simulator-port"] },
        new("BRIDGE_PORT", "Standalone:BridgePort", "HTTP port of the Kafka bridge.") { Default = Defaults.BridgePort, Aliases = ["--bridge-port"] },
        new("KAFKA_TOPIC_PARTITIONS", "Standalone:KafkaTopicPartitions", "Partitions of each topic in the embedded Kafka.") { Default = Defaults.KafkaTopicPartitions },
        new("SUMMARY_INTERVAL_SECONDS", "Standalone:SummaryIntervalSeconds", "Live summary line interval; 0 turns it off.") { Default = Defaults.SummaryIntervalSeconds },
    ]);

    /// <summary>
    /// Everything the standalone process reads: hosting and logging, every service's settings and <see cref="Group"/>,
    /// with short forms for the usual knobs (<c>--devices</c>, <c>--kafka</c>). Not the MQTT connection: the process
    /// connects its services to its own broker.
    /// </summary>
    public static IReadOnlyList<SettingGroup> All { get; } =
    [
        Group,
        new("Short forms", [WithAlias(SimulatorSettings.Group, "DEVICE_COUNT", "--devices"), WithAlias(KafkaBridgeSettings.Group, "KAFKA_BOOTSTRAP_SERVERS", "--kafka")]),
        // Each service's HTTP port is a setting of its own here (LWM2M_SERVER_PORT, …).
        ServiceSettings.Hosting with { Settings = [.. ServiceSettings.Hosting.Settings.Where(setting => setting.Key != "Http:Port")] },
        ServiceSettings.Mqtt,
        Lwm2mServerSettings.Group,
        SparkplugHostSettings.Group,
        SimulatorSettings.Group,
        KafkaBridgeSettings.Group,
    ];

    static Setting WithAlias(SettingGroup group, string name, string alias) =>
        group.Settings.Single(setting => setting.Name == name) with { Aliases = [alias] };
}
