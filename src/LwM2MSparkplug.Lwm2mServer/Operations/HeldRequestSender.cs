using Microsoft.Extensions.Hosting;

namespace LwM2MSparkplug.Lwm2mServer.Operations;

/// <summary>Sends the requests released when their queue-mode device woke, each without waiting for the others.</summary>
public sealed class HeldRequestSender(QueueModeWakeups wakeups, DeviceRequestClient client) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var held in wakeups.Released.ReadAllAsync(stoppingToken))
        {
            _ = client.SendHeldAsync(held);
        }
    }
}
