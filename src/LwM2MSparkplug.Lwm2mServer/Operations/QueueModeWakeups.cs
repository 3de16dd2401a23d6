using System.Threading.Channels;
using LwM2MSparkplug.Lwm2mServer.Registry;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>
/// Where the receive path says it heard from a device. A queue-mode device is awake from then on and its held requests
/// are released to <see cref="Released"/>, which <see cref="HeldRequestSender"/> sends; the receive path itself never
/// waits on a device.
/// </summary>
public sealed class QueueModeWakeups(SleepingDevices sleeping, IRegistrationStore registrations, TimeProvider time)
{
    // Unbounded: what it carries was already bounded by MaxQueuedRequestsPerDevice when it was held.
    readonly Channel<HeldRequest> _released = Channel.CreateUnbounded<HeldRequest>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<HeldRequest> Released => _released.Reader;

    /// <summary>
    /// Called after a message from <paramref name="endpoint"/> was handled. A device that registered again without queue
    /// mode gets the requests still held for it too.
    /// </summary>
    public void Heard(string endpoint)
    {
        if (!registrations.TryGet(endpoint, out var registration))
        {
            return;
        }
        var released = registration.QueueMode ? sleeping.Wake(endpoint, time.GetUtcNow()) : sleeping.Forget(endpoint);
        foreach (var held in released)
        {
            _released.Writer.TryWrite(held);
        }
    }
}
