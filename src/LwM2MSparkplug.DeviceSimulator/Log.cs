using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.DeviceSimulator;

static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {DeviceCount} simulated devices ({FirstId} … {LastId}) against {Broker}")]
    public static partial void StartingFleet(ILogger logger, int deviceCount, string firstId, string lastId, string broker);

    [LoggerMessage(Level = LogLevel.Error, Message = "Device {DeviceId}: background work failed; the device keeps running")]
    public static partial void DeviceWorkFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: the LwM2M server answered {Code} ({Error}); registering again")]
    public static partial void RegistrationRefused(ILogger logger, string deviceId, string code, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {DeviceCount} simulated devices (de-registered, deaths published)")]
    public static partial void StoppedFleet(ILogger logger, int deviceCount);
}
