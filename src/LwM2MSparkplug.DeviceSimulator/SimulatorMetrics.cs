using Prometheus;

namespace LwM2MSparkplug.DeviceSimulator;

/// <summary>The device simulator's Prometheus metrics.</summary>
public sealed class SimulatorMetrics(IMetricFactory factory)
{
    public Gauge Devices { get; } = factory.CreateGauge("simulator_devices", "Devices this simulator runs.");

    public Gauge DevicesConnected { get; } = factory.CreateGauge("simulator_devices_connected", "Devices whose MQTT connection is up.");

    public Counter Published { get; } = factory.CreateCounter("simulator_messages_published_total", "Messages published by the simulated devices, by protocol and message type.", ["protocol", "message_type"]);

    public Counter PublishFailures { get; } = factory.CreateCounter("simulator_publish_failures_total", "Publishes that failed (connection lost or broker refusal), by protocol.", ["protocol"]);

    public Counter Connects { get; } = factory.CreateCounter("simulator_mqtt_connects_total", "MQTT connections established by the simulated devices.");

    public Counter Reboots { get; } = factory.CreateCounter("simulator_reboots_total", "Device reboots executed on request (/3/0/4).");

    public Counter CommandsReceived { get; } = factory.CreateCounter("simulator_commands_received_total", "Commands received by the simulated devices, by type.", ["type"]);
}
