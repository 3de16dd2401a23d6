using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.DeviceSimulator;

static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {DeviceCount} simulated devices ({FirstId} … {LastId}) against {Broker}, authenticated by {Identity}")]
    public static partial void StartingFleet(ILogger logger, int deviceCount, string firstId, string lastId, string broker, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: the LwM2M server answered {Code} to its registration; it registers again later")]
    public static partial void RegistrationRefused(ILogger logger, string deviceId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId}: restarting its connection ({Reason})")]
    public static partial void Restarting(ILogger logger, string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: closing the connection for a restart failed; it reconnects anyway")]
    public static partial void RestartFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: could not save the next bdSeq; after a simulator restart it counts from the last saved one")]
    public static partial void BdSeqNotSaved(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Device {DeviceId}: its protocol work failed; what it was about to send is dropped and it tries again shortly")]
    public static partial void CoreFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Device {DeviceId}: sending a queued message failed; the rest of the queue goes on")]
    public static partial void SendFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {DeviceCount} simulated devices (de-registered, deaths published)")]
    public static partial void StoppedFleet(ILogger logger, int deviceCount);
}
