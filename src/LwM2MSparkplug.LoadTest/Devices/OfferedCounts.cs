using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LwM2MSparkplug.LoadTest.Devices;

/// <summary>
/// What the virtual devices published (the broker accepted the PUBLISH), by protocol and message type, and what they
/// failed to publish, by protocol. Thread-safe; read as a snapshot.
/// </summary>
public sealed class OfferedCounts
{
    /// <summary>The protocol label of the baseline phase's copies of DDATA, published outside Sparkplug's namespace.</summary>
    public const string Baseline = "baseline";

    readonly ConcurrentDictionary<(string Protocol, string MessageType), StrongBox<long>> _published = new();
    readonly ConcurrentDictionary<string, StrongBox<long>> _failed = new(StringComparer.Ordinal);
    long _skipped;

    public void Published(string protocol, string messageType) =>
        Interlocked.Increment(ref _published.GetOrAdd((protocol, messageType), static _ => new StrongBox<long>()).Value);

    public void Failed(string protocol) =>
        Interlocked.Increment(ref _failed.GetOrAdd(protocol, static _ => new StrongBox<long>()).Value);

    /// <summary>Data messages a device did not make because it was more than a second behind its schedule.</summary>
    public void Skipped(long count) => Interlocked.Add(ref _skipped, count);

    public OfferedSnapshot Snapshot() => new(
        _published.ToDictionary(entry => entry.Key, entry => Interlocked.Read(ref entry.Value.Value)),
        _failed.ToDictionary(entry => entry.Key, entry => Interlocked.Read(ref entry.Value.Value), StringComparer.Ordinal),
        Interlocked.Read(ref _skipped));
}

/// <summary>The offered counts at one moment; <see cref="Minus"/> gives what happened in between.</summary>
public sealed record OfferedSnapshot(
    IReadOnlyDictionary<(string Protocol, string MessageType), long> Published,
    IReadOnlyDictionary<string, long> Failed,
    long Skipped)
{
    public static readonly OfferedSnapshot Empty = new(new Dictionary<(string, string), long>(), new Dictionary<string, long>(), 0);

    public long Of(string protocol, string? messageType = null) =>
        Published.Where(entry => entry.Key.Protocol == protocol && (messageType is null || entry.Key.MessageType == messageType)).Sum(entry => entry.Value);

    public long FailedOf(string protocol) => Failed.GetValueOrDefault(protocol);

    public OfferedSnapshot Minus(OfferedSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new OfferedSnapshot(
            Published.ToDictionary(entry => entry.Key, entry => entry.Value - earlier.Published.GetValueOrDefault(entry.Key)),
            Failed.ToDictionary(entry => entry.Key, entry => entry.Value - earlier.Failed.GetValueOrDefault(entry.Key), StringComparer.Ordinal),
            Skipped - earlier.Skipped);
    }
}
