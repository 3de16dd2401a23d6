using LwM2MSparkplug.Lwm2mServer.Messaging;
using LwM2MSparkplug.Lwm2mServer.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Registry;

/// <summary>
/// Removes registrations whose lifetime passed without an Update, and requests held longer than
/// <c>QueuedRequestMaxWaitSeconds</c> for a sleeping device, every <c>ExpiryCheckIntervalSeconds</c>; and, once a
/// minute, the message rates of endpoints gone silent and unregistered.
/// </summary>
public sealed class RegistrationExpiryService(RegistrationHandler handler, DeviceRequestClient client, DeviceMessageRates rates, IRegistrationStore registrations, IOptions<Lwm2mServerOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            handler.ExpireRegistrations();
            client.ExpireHeldRequests();
            rates.Forget(time.GetUtcNow(), endpoint => registrations.TryGet(endpoint, out _));
        }
    }
}
