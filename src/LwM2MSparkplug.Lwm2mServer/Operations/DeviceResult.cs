using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>What became of a request: the device's response, or none within the timeout.</summary>
public sealed record DeviceResult(Lwm2mResponse? Response, TimeSpan Elapsed)
{
    public bool TimedOut => Response is null;
}
