using Microsoft.Extensions.Hosting;

namespace LwM2MSparkplug.Standalone;

/// <summary>
/// A host lifetime that ignores Ctrl+C: the standalone process stops its services itself, in order
/// (devices first, broker last), so devices can de-register and publish their deaths.
/// </summary>
sealed class ExternallyControlledLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
