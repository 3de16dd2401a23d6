using Microsoft.Extensions.Logging;

namespace LwM2MSparkplug.Lwm2mServer;

static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Endpoint} as {RegistrationId} (LwM2M {Version}, lifetime {LifetimeSeconds} s, replaced previous: {Replaced})")]
    public static partial void Registered(ILogger logger, string endpoint, string registrationId, string version, long lifetimeSeconds, bool replaced);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Updated {Endpoint}")]
    public static partial void Updated(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "De-registered {Endpoint}")]
    public static partial void Deregistered(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration of {Endpoint} expired (last update {LastUpdateAt:O})")]
    public static partial void Expired(ILogger logger, string endpoint, DateTimeOffset lastUpdateAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Endpoint} is offline: its Sparkplug NDEATH arrived; the registration is kept until its lifetime ends")]
    public static partial void Offline(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a response nobody waits for on {Topic} (late, duplicate or unknown request id)")]
    public static partial void UnmatchedResponse(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Endpoint}: {Detail}. {Held} more refusals for this limit since the last such line")]
    public static partial void LimitReached(ILogger logger, string endpoint, string detail, long held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected LwM2M message on {Topic}: {Reason}: {Detail}")]
    public static partial void Rejected(ILogger logger, string topic, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} held for {Endpoint} could not be sent when it woke: {Detail}")]
    public static partial void HeldRequestFailed(ILogger logger, string endpoint, string requestId, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sample for /api/overview failed; the next one comes after the interval")]
    public static partial void OverviewSampleFailed(ILogger logger, Exception exception);
}
