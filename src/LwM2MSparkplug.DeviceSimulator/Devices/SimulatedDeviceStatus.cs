using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Sparkplug.Edge;

namespace LwM2MSparkplug.DeviceSimulator.Devices;

/// <summary>A simulated device's state at one moment, taken under its lock.</summary>
public sealed record SimulatedDeviceStatus(
    string DeviceId,
    bool Connected,
    int ConnectionCount,
    Lwm2mRegistrationState Lwm2mState,
    EdgeNodeState SparkplugState,
    byte? BdSeq,
    long MessagesPublished,
    int SendQueueLength,
    SensorReadings Readings);
