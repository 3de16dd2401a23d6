using System.Collections.Concurrent;
using Prometheus;

namespace LwM2MSparkplug.DeviceSimulator;

/// <summary>The device simulator's Prometheus metrics.</summary>
public sealed class SimulatorMetrics(IMetricFactory factory)
{
    readonly ConcurrentDictionary<(string Protocol, string MessageType), Counter.Child> _published = new();

    public Gauge Devices { get; } = factory.CreateGauge("simulator_devices", "Devices this simulator runs.");

    public Gauge DevicesConnected { get; } = factory.CreateGauge("simulator_devices_connected", "Devices whose MQTT connection is up.");

    public Counter Published { get; } = factory.CreateCounter("simulator_messages_published_total", "Messages published by the simulated devices, by protocol and message type.", ["protocol", "message_type"]);

    public Counter PublishFailures { get; } = factory.CreateCounter("simulator_publish_failures_total", "Publishes that failed (connection lost or broker refusal), by protocol.", ["protocol"]);

    public Counter Dropped { get; } = factory.CreateCounter("simulator_messages_dropped_total", "Messages a device had queued but did not publish, because the connection they were made for had ended.", ["protocol"]);

    public Counter ConnectsWaited { get; } = factory.CreateCounter("simulator_connects_waited_total", "MQTT connects that waited for the fleet's connect rate (SIMULATOR_CONNECT_RATE_PER_SECOND).");

    public Counter Connects { get; } = factory.CreateCounter("simulator_mqtt_connects_total", "MQTT connections established by the simulated devices.");

    public Counter Reboots { get; } = factory.CreateCounter("simulator_reboots_total", "Device reboots executed on request (/3/0/4).");

    public Counter Received { get; } = factory.CreateCounter("simulator_messages_received_total", "Messages received by the simulated devices, by protocol and what the device made of them (rebirth, command, state, request, acknowledgement, ignored, invalid).", ["protocol", "outcome"]);

    public Counter Rejected { get; } = factory.CreateCounter("simulator_messages_rejected_total", "Received messages, or writes in them, that a device ignored or refused, by protocol and reason.", ["protocol", "reason"]);

    public Counter DataIntervalsMissed { get; } = factory.CreateCounter("simulator_data_intervals_missed_total", "Sparkplug data intervals the devices skipped because they ran late (a busy process or a full send queue): the configured rate was not achieved.");

    public Counter BackPressureWaits { get; } = factory.CreateCounter("simulator_back_pressure_waits_total", "Times a device held its scheduled work back because its send queue was full (DEVICE_SEND_QUEUE_LIMIT).");

    /// <summary>The published counter of one protocol and message type, looked up once (label values are constants).</summary>
    public Counter.Child PublishedOf(string protocol, string messageType) =>
        _published.GetOrAdd((protocol, messageType), static (key, counter) => counter.WithLabels(key.Protocol, key.MessageType), Published);
}
