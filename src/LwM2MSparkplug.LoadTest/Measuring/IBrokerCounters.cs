namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>Where a broker's counts come from: the embedded broker's statistics, or Mosquitto's <c>$SYS</c> topics.</summary>
public interface IBrokerCounters : IAsyncDisposable
{
    /// <summary>
    /// The counts. <paramref name="fresh"/>: no older than the moment of the call (waits for the broker's next report
    /// if it must); otherwise the latest known.
    /// </summary>
    Task<BrokerSnapshot> ReadAsync(bool fresh, CancellationToken cancellationToken);
}
