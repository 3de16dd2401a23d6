namespace LwM2MSparkplug.ServiceDefaults.Configuration;

/// <summary>
/// The documented flat environment variable names (e.g. <c>MQTT_HOST</c>) and the configuration keys
/// they set (e.g. <c>Mqtt:Host</c>). The one place where the names are mapped; docs/configuration.md lists them.
/// </summary>
public static class FlatConfigurationNames
{
    public static readonly IReadOnlyDictionary<string, string> ToKey = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // MQTT client connection (every service)
        ["MQTT_SERVERS"] = "Mqtt:Servers",
        ["MQTT_HOST"] = "Mqtt:Host",
        ["MQTT_PORT"] = "Mqtt:Port",
        ["MQTT_USE_TLS"] = "Mqtt:UseTls",
        ["MQTT_CA_CERT"] = "Mqtt:CaCertificate",
        ["MQTT_CLIENT_CERT"] = "Mqtt:ClientCertificate",
        ["MQTT_CLIENT_KEY"] = "Mqtt:ClientKey",
        ["MQTT_USERNAME"] = "Mqtt:Username",
        ["MQTT_PASSWORD"] = "Mqtt:Password",
        ["MQTT_KEEPALIVE_SECONDS"] = "Mqtt:KeepAliveSeconds",
        ["MQTT_RECONNECT_MIN_SECONDS"] = "Mqtt:ReconnectMinDelaySeconds",
        ["MQTT_RECONNECT_MAX_SECONDS"] = "Mqtt:ReconnectMaxDelaySeconds",
        ["MQTT_SOCKET_BUFFER_BYTES"] = "Mqtt:SocketBufferBytes",

        // Hosting and logging (every service)
        ["HTTP_PORT"] = "Http:Port",
        ["HEALTH_DEGRADED_WINDOW_SECONDS"] = "Health:DegradedWindowSeconds",
        ["LOG_LEVEL"] = "Serilog:MinimumLevel:Default",
        ["LOG_FORMAT"] = "Logging:Format",
        ["API_KEY"] = "Api:Key",
        ["API_PROTECT_READS"] = "Api:ProtectReads",
        ["LOG_REPEAT_LIMIT"] = "Logging:RepeatLimit",
        ["LOG_REPEAT_WINDOW_SECONDS"] = "Logging:RepeatWindowSeconds",

        // LwM2M server
        ["LWM2M_EVENT_BUFFER_SIZE"] = "Lwm2mServer:EventBufferCapacity",
        ["LWM2M_EXPIRY_CHECK_SECONDS"] = "Lwm2mServer:ExpiryCheckIntervalSeconds",
        ["LWM2M_MAX_PAYLOAD_BYTES"] = "Lwm2mServer:MaxPayloadBytes",
        ["LWM2M_MAX_REQUEST_BODY_BYTES"] = "Lwm2mServer:MaxRequestBodyBytes",
        ["LWM2M_SERVER_CLIENT_ID"] = "Lwm2mServer:ClientId",
        ["LWM2M_REQUEST_TIMEOUT_SECONDS"] = "Lwm2mServer:RequestTimeoutSeconds",
        ["LWM2M_MAX_REQUEST_TIMEOUT_SECONDS"] = "Lwm2mServer:MaxRequestTimeoutSeconds",
        ["LWM2M_QUEUE_MODE_AWAKE_SECONDS"] = "Lwm2mServer:QueueModeAwakeTimeSeconds",
        ["LWM2M_MAX_QUEUED_REQUESTS_PER_DEVICE"] = "Lwm2mServer:MaxQueuedRequestsPerDevice",
        ["LWM2M_QUEUED_REQUEST_MAX_WAIT_SECONDS"] = "Lwm2mServer:QueuedRequestMaxWaitSeconds",
        ["LWM2M_EVENT_PAGE_SIZE"] = "Lwm2mServer:EventPageSize",
        ["LWM2M_EVENTS_ACK_TIMEOUT_SECONDS"] = "Lwm2mServer:EventAckTimeoutSeconds",
        ["LWM2M_MAX_REGISTRATIONS"] = "Lwm2mServer:MaxRegistrations",
        ["LWM2M_MIN_LIFETIME_SECONDS"] = "Lwm2mServer:MinLifetimeSeconds",
        ["LWM2M_MAX_LIFETIME_SECONDS"] = "Lwm2mServer:MaxLifetimeSeconds",
        ["LWM2M_MAX_OBSERVATIONS_PER_DEVICE"] = "Lwm2mServer:MaxObservationsPerDevice",
        ["LWM2M_MODELS_DIR"] = "Lwm2mServer:ModelsDirectory",
        // Also the simulator's default for Simulator:Lwm2mOmaPrefix: both ends of the OMA binding need the same prefix.
        ["LWM2M_OMA_PREFIX"] = "Lwm2mServer:OmaPrefix",
        ["LWM2M_FLEET_PAGE_SIZE"] = "Lwm2mServer:FleetPageSize",
        ["LWM2M_FLEET_MAX_PAGE_SIZE"] = "Lwm2mServer:FleetMaxPageSize",
        // Where the LwM2M server reads the Sparkplug side of /api/fleet.
        ["SPARKPLUG_HOST_URL"] = "Lwm2mServer:SparkplugHostUrl",
        ["SPARKPLUG_HOST_TIMEOUT_SECONDS"] = "Lwm2mServer:SparkplugHostTimeoutSeconds",
        ["SPARKPLUG_HOST_CACHE_SECONDS"] = "Lwm2mServer:SparkplugHostCacheSeconds",
        ["LWM2M_FLEET_RETENTION_SECONDS"] = "Lwm2mServer:FleetRetentionSeconds",
        ["LWM2M_FLEET_RETENTION_MAX"] = "Lwm2mServer:FleetRetentionMax",
        ["LWM2M_FLEET_STREAM_INTERVAL_SECONDS"] = "Lwm2mServer:FleetStreamIntervalSeconds",
        ["LWM2M_FLEET_STREAM_MAX"] = "Lwm2mServer:FleetStreamMax",
        // Where the LwM2M server reads the Kafka bridge's health for /api/overview (not a setting of the bridge).
        ["BRIDGE_URL"] = "Lwm2mServer:BridgeUrl",
        ["BRIDGE_HEALTH_TIMEOUT_SECONDS"] = "Lwm2mServer:BridgeTimeoutSeconds",
        ["LWM2M_OVERVIEW_INTERVAL_SECONDS"] = "Lwm2mServer:OverviewIntervalSeconds",
        ["LWM2M_OVERVIEW_WINDOW_SECONDS"] = "Lwm2mServer:OverviewWindowSeconds",

        // Sparkplug host application
        ["SPARKPLUG_HOST_ID"] = "SparkplugHost:HostId",
        ["SPARKPLUG_REORDER_TIMEOUT_SECONDS"] = "SparkplugHost:ReorderTimeoutSeconds",
        ["SPARKPLUG_REBIRTH_RATE_PER_SECOND"] = "SparkplugHost:RebirthRatePerSecond",
        ["SPARKPLUG_REBIRTH_DEBOUNCE_SECONDS"] = "SparkplugHost:RebirthDebounceSeconds",
        ["SPARKPLUG_MAX_PAYLOAD_BYTES"] = "SparkplugHost:MaxPayloadBytes",
        ["SPARKPLUG_MAX_EDGE_NODES"] = "SparkplugHost:MaxEdgeNodes",
        ["SPARKPLUG_MAX_DEVICES_PER_NODE"] = "SparkplugHost:MaxDevicesPerNode",
        ["SPARKPLUG_MAX_HISTORICAL_VALUES_PER_METRIC"] = "SparkplugHost:MaxHistoricalValuesPerMetric",
        ["SPARKPLUG_DEAD_NODE_RETENTION_SECONDS"] = "SparkplugHost:DeadNodeRetentionSeconds",
        ["SPARKPLUG_UNBORN_NODE_RETENTION_SECONDS"] = "SparkplugHost:UnbornNodeRetentionSeconds",
        ["SPARKPLUG_PER_NODE_METRICS"] = "SparkplugHost:PerNodeMetrics",

        // Device simulator
        ["DEVICE_COUNT"] = "Simulator:DeviceCount",
        ["DEVICE_ID_PREFIX"] = "Simulator:DeviceIdPrefix",
        ["DEVICE_CA_CERT"] = "Simulator:DeviceCaCertificate",
        ["DEVICE_CA_KEY"] = "Simulator:DeviceCaKey",
        ["DEVICE_CERT_VALIDITY_DAYS"] = "Simulator:DeviceCertificateValidityDays",
        ["LWM2M_INTERVAL"] = "Simulator:Lwm2mIntervalSeconds",
        ["LWM2M_LIFETIME"] = "Simulator:Lwm2mLifetimeSeconds",
        ["LWM2M_QUEUE_MODE"] = "Simulator:Lwm2mQueueMode",
        ["LWM2M_DIALECT"] = "Simulator:Lwm2mDialect",
        ["TELEMETRY_INTERVAL"] = "Simulator:TelemetryIntervalSeconds",
        ["SPARKPLUG_GROUP_ID"] = "Simulator:SparkplugGroupId",
        ["SPARKPLUG_DEVICE_ID"] = "Simulator:SparkplugDeviceId",
        ["SPARKPLUG_USE_ALIASES"] = "Simulator:UseAliases",
        ["SPARKPLUG_DATATYPES_IN_DATA"] = "Simulator:DataTypesInData",
        ["SPARKPLUG_PRIMARY_HOST_ID"] = "Simulator:PrimaryHostId",
        ["SIMULATOR_STATE_DIR"] = "Simulator:StateDirectory",
        ["LWM2M_REGISTRATION_RETRY_SECONDS"] = "Simulator:RegistrationRetrySeconds",
        ["LWM2M_REGISTRATION_RETRY_MAX_SECONDS"] = "Simulator:RegistrationRetryMaxSeconds",
        ["SIMULATOR_CONNECT_RATE_PER_SECOND"] = "Simulator:ConnectRatePerSecond",
        ["DEVICE_SEND_QUEUE_LIMIT"] = "Simulator:SendQueueLimit",
        ["SIMULATOR_MAX_MESSAGE_BYTES"] = "Simulator:MaxMessageBytes",
        ["DEVICE_START_INTERVAL_SECONDS"] = "Simulator:StartIntervalSeconds",
        ["SIMULATOR_TOLERATED_MISSED_INTERVAL_SHARE"] = "Simulator:ToleratedMissedIntervalShare",
        ["SIMULATOR_HEALTHY_CONNECTED_FRACTION"] = "Simulator:HealthyConnectedFraction",

        // MQTT-to-Kafka bridge and its Kafka producer (any Confluent ProducerConfig property: Kafka:{Property})
        ["KAFKA_BOOTSTRAP_SERVERS"] = "Kafka:BootstrapServers",
        ["KAFKA_LINGER_MS"] = "Kafka:LingerMs",
        ["KAFKA_BATCH_SIZE"] = "Kafka:BatchSize",
        ["KAFKA_COMPRESSION"] = "Kafka:CompressionType",
        ["BRIDGE_CLIENT_ID"] = "Bridge:ClientId",
        ["BRIDGE_SHARED_GROUP"] = "Bridge:SharedSubscriptionGroup",
        ["BRIDGE_ROUTES"] = "Bridge:Routes",
        ["BRIDGE_DEADLETTER_TOPIC"] = "Bridge:DeadLetterTopic",
        ["BRIDGE_DEADLETTER_EXCERPT_BYTES"] = "Bridge:DeadLetterExcerptBytes",
        ["BRIDGE_SPARKPLUG_FORMAT"] = "Bridge:SparkplugFormat",
        ["BRIDGE_MAX_IN_FLIGHT"] = "Bridge:MaxInFlight",

        // Standalone: embedded broker and the port of each service
        ["BROKER_PORT"] = "Broker:Port",
        ["BROKER_TLS_PORT"] = "Broker:TlsPort",
        ["BROKER_CERT_DIR"] = "Broker:CertificateDirectory",
        ["BROKER_REQUIRE_AUTH"] = "Broker:RequireAuthentication",
        ["BROKER_USERNAME"] = "Broker:Username",
        ["BROKER_PASSWORD"] = "Broker:Password",
        ["BROKER_MAX_PENDING_MESSAGES"] = "Broker:MaxPendingMessagesPerClient",
        ["BROKER_MAX_PACKET_BYTES"] = "Broker:MaxPacketBytes",
        ["BROKER_SYS_INTERVAL_SECONDS"] = "Broker:SysIntervalSeconds",
        ["DEVICES_USE_TLS"] = "Standalone:DevicesUseTls",
        ["LWM2M_SERVER_PORT"] = "Standalone:Lwm2mServerPort",
        ["SPARKPLUG_HOST_PORT"] = "Standalone:SparkplugHostPort",
        ["SIMULATOR_PORT"] = "Standalone:SimulatorPort",
        ["BRIDGE_PORT"] = "Standalone:BridgePort",
        ["KAFKA_TOPIC_PARTITIONS"] = "Standalone:KafkaTopicPartitions",
        ["SUMMARY_INTERVAL_SECONDS"] = "Standalone:SummaryIntervalSeconds",
    };

    static readonly Dictionary<string, string> ToName =
        ToKey.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Names a key for people: <c>Mqtt:Port (MQTT_PORT)</c>, or just the key when it has no flat name.</summary>
    public static string Describe(string key) =>
        ToName.TryGetValue(key, out var name) ? $"{key} ({name})" : key;
}
