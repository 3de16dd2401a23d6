using LwM2MSparkplug.ServiceDefaults.Configuration;

namespace LwM2MSparkplug.DeviceSimulator;

/// <summary>The device simulator's settings (<see cref="SimulatorOptions"/>).</summary>
public static class SimulatorSettings
{
    static readonly SimulatorOptions Defaults = new();

    public static SettingGroup Group { get; } = new("Device simulator",
    [
        new("DEVICE_COUNT", "Simulator:DeviceCount", "Devices in this process.") { Default = Defaults.DeviceCount },
        new("DEVICE_ID_PREFIX", "Simulator:DeviceIdPrefix", "Device ids are {prefix}-001, {prefix}-002, …; the host-name default keeps replicas apart.") { DefaultText = "sim-{host name}" },
        new("DEVICE_CA_CERT", "Simulator:DeviceCaCertificate", "PEM certificate of the device-issuing CA. Set (with the key): every device gets its own TLS client certificate at start, common name = device id, kept in memory only …"),
        new("DEVICE_CA_KEY", "Simulator:DeviceCaKey", "PEM private key of the device-issuing CA; both or neither."),
        new("DEVICE_CERT_VALIDITY_DAYS", "Simulator:DeviceCertificateValidityDays", "Validity of each device certificate from the simulator's start (a restart issues new ones).") { Default = Defaults.DeviceCertificateValidityDays },
        new("LWM2M_INTERVAL", "Simulator:Lwm2mIntervalSeconds", "Seconds between the LwM2M Send reports of each device.") { Default = Defaults.Lwm2mIntervalSeconds },
        new("LWM2M_LIFETIME", "Simulator:Lwm2mLifetimeSeconds", "Registration lifetime.") { Default = Defaults.Lwm2mLifetimeSeconds },
        new("LWM2M_QUEUE_MODE", "Simulator:Lwm2mQueueMode", "Register in queue mode (\"queueMode\":true): the server then takes a device to be asleep LWM2M_QUEUE_MODE_AWAKE_SECONDS after its last message and holds requests until its …") { Default = Defaults.Lwm2mQueueMode },
        new("LWM2M_DIALECT", "Simulator:Lwm2mDialect", "The devices' LwM2M wire dialect: json (the project's JSON contract, lwm2m-over-mqtt.md), oma (OMA's LwM2M 1.2 MQTT binding: one topic [prefix/]lwm2m/rd/{device id} …") { Default = Defaults.Lwm2mDialect },
        new("TELEMETRY_INTERVAL", "Simulator:TelemetryIntervalSeconds", "Seconds between Sparkplug DDATA messages of each device.") { Default = Defaults.TelemetryIntervalSeconds },
        new("SPARKPLUG_GROUP_ID", "Simulator:SparkplugGroupId", "Sparkplug group of the edge nodes.") { Default = Defaults.SparkplugGroupId },
        new("SPARKPLUG_DEVICE_ID", "Simulator:SparkplugDeviceId", "Sparkplug device id of each edge node's sensor.") { Default = Defaults.SparkplugDeviceId },
        new("SPARKPLUG_USE_ALIASES", "Simulator:UseAliases", "DDATA metrics by alias only.") { Default = Defaults.UseAliases },
        new("SPARKPLUG_DATATYPES_IN_DATA", "Simulator:DataTypesInData", "Repeat datatypes in DDATA, for decoders without birth context (the specification recommends not to).") { Default = Defaults.DataTypesInData },
        new("SPARKPLUG_PRIMARY_HOST_ID", "Simulator:PrimaryHostId", "Births wait for this host's STATE online; its offline STATE ends the session."),
        new("SIMULATOR_STATE_DIR", "Simulator:StateDirectory", "Where each edge node keeps its next bdSeq across restarts.") { Default = Defaults.StateDirectory },
        new("LWM2M_REGISTRATION_RETRY_SECONDS", "Simulator:RegistrationRetrySeconds", "A Register (or Update) left unanswered this long is followed by a new Register.") { Default = Defaults.RegistrationRetrySeconds },
        new("LWM2M_REGISTRATION_RETRY_MAX_SECONDS", "Simulator:RegistrationRetryMaxSeconds", "Each further retry waits twice as long, up to this, so a struggling server is not flooded.") { Default = Defaults.RegistrationRetryMaxSeconds },
        new("SIMULATOR_CONNECT_RATE_PER_SECOND", "Simulator:ConnectRatePerSecond", "MQTT connects per second for the whole fleet, reconnects included, so a fleet that starts or whose broker comes back arrives as a steady stream of TLS handshakes …") { Default = Defaults.ConnectRatePerSecond },
        new("DEVICE_SEND_QUEUE_LIMIT", "Simulator:SendQueueLimit", "Publishes a device may have waiting for its connection; beyond it the device makes no new data …") { Default = Defaults.SendQueueLimit },
        new("SIMULATOR_MAX_MESSAGE_BYTES", "Simulator:MaxMessageBytes", "Larger Sparkplug commands and LwM2M requests are refused unread (counted in simulator_messages_rejected_total{reason=\"payload_too_large\"} …") { Default = Defaults.MaxMessageBytes },
        new("DEVICE_START_INTERVAL_SECONDS", "Simulator:StartIntervalSeconds", "Spacing of device start-ups, so a large fleet does not connect in one burst.") { Default = Defaults.StartIntervalSeconds },
        new("SIMULATOR_TOLERATED_MISSED_INTERVAL_SHARE", "Simulator:ToleratedMissedIntervalShare", "Share of the data intervals due that devices may skip for running late before /api/health says degraded (simulator_data_intervals_missed_total is counted either way) …") { Default = Defaults.ToleratedMissedIntervalShare },
        new("SIMULATOR_HEALTHY_CONNECTED_FRACTION", "Simulator:HealthyConnectedFraction", "/api/health is healthy while at least this fraction of the devices is connected, degraded below it (and while the fleet is still starting its devices) …") { Default = Defaults.HealthyConnectedFraction },
        ServiceSettings.OmaPrefix,
    ]);

    /// <summary>Everything the service reads: its MQTT connection, hosting and logging, and <see cref="Group"/>.</summary>
    public static IReadOnlyList<SettingGroup> Service { get; } = [ServiceSettings.Mqtt, ServiceSettings.Hosting, Group];
}
