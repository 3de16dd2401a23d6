using LwM2MSparkplug.Protocols.Lwm2m.Messages;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>
/// What became of a request: the device's response; or an answer that did not fit the contract (<see cref="InvalidAnswer"/>);
/// or none within <see cref="Timeout"/>; or, for a sleeping queue-mode device, held (<see cref="Queued"/>) or refused
/// because too many are held already (<see cref="QueueFull"/>).
/// </summary>
public sealed record DeviceResult(Lwm2mResponse? Response, TimeSpan Elapsed)
{
    /// <summary>Why the device's answer could not be used; null when it could, or when none came.</summary>
    public string? InvalidAnswer { get; init; }

    /// <summary>How long the caller was to wait for the answer.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>The request is held until the device wakes; its outcome goes to the event log.</summary>
    public HeldRequest? Queued { get; init; }

    /// <summary>Why the request was not held: the device has the most held requests; names the limit.</summary>
    public string? QueueFull { get; init; }

    /// <summary>Why the request was not sent: the device's dialect cannot express it (e.g. the attribute <c>lt</c> over the OMA binding).</summary>
    public string? NotExpressible { get; init; }

    /// <summary>No answer because the queue-mode device did not wake in time; the request was never sent.</summary>
    public bool NeverSent { get; init; }
}
