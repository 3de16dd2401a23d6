using LwM2MSparkplug.DeviceSimulator.Devices;
using LwM2MSparkplug.Protocols;
using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Sparkplug.Edge;

namespace LwM2MSparkplug.DeviceSimulator.Apis;

/// <summary>A simulated device's state and current readings.</summary>
public sealed record SimulatedDeviceView(
    string DeviceId,
    bool Connected,
    int ConnectionCount,
    string Server,
    bool Lwm2mRegistered,
    string Lwm2mState,
    bool SparkplugBorn,
    string SparkplugState,
    int? BdSeq,
    long MessagesPublished,
    int SendQueueLength,
    SensorReadings Readings)
{
    public static SimulatedDeviceView From(SimulatedDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var status = device.Status();
        return new SimulatedDeviceView(
            status.DeviceId,
            status.Connected,
            status.ConnectionCount,
            device.Server,
            status.Lwm2mState is Lwm2mRegistrationState.Registered or Lwm2mRegistrationState.Updating,
            ReasonNames.Of(status.Lwm2mState),
            status.SparkplugState == EdgeNodeState.Born,
            ReasonNames.Of(status.SparkplugState),
            status.BdSeq,
            status.MessagesPublished,
            status.SendQueueLength,
            status.Readings);
    }
}
