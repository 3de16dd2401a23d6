using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>
/// What became of a request: the device's response; or an answer that did not fit the contract (<see cref="InvalidAnswer"/>);
/// or none within the timeout.
/// </summary>
public sealed record DeviceResult(Lwm2mResponse? Response, TimeSpan Elapsed)
{
    /// <summary>Why the device's answer could not be used; null when it could, or when none came.</summary>
    public string? InvalidAnswer { get; init; }

    public bool TimedOut => Response is null && InvalidAnswer is null;
}
