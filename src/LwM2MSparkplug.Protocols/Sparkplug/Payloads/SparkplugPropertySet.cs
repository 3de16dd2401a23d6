namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>
/// A metric's PropertySet (Sparkplug 3.0 §6.4.13): ordered keys with typed values. A value is a scalar
/// <see cref="MetricValue"/>, a nested <see cref="SparkplugPropertySet"/> (datatype PropertySet), or a
/// list of them (datatype PropertySetList, read with <see cref="MetricValue.AsArray{T}"/> of <see cref="SparkplugPropertySet"/>).
/// </summary>
public sealed class SparkplugPropertySet : IEquatable<SparkplugPropertySet>
{
    public static readonly SparkplugPropertySet Empty = new([]);

    /// <summary>The property key of the quality code.</summary>
    public const string QualityKey = "Quality";

    readonly KeyValuePair<string, MetricValue>[] _entries;

    public SparkplugPropertySet(IEnumerable<KeyValuePair<string, MetricValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
    }

    public IReadOnlyList<KeyValuePair<string, MetricValue>> Entries => _entries;

    public bool TryGetValue(string key, out MetricValue value)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key == key)
            {
                value = entry.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>This set without <paramref name="key"/>; the same instance when it has no such key.</summary>
    public SparkplugPropertySet Without(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TryGetValue(key, out _) ? new SparkplugPropertySet(_entries.Where(entry => entry.Key != key)) : this;
    }

    /// <summary>The <c>Quality</c> property (Sparkplug 3.0 §6.4.14), when present as an integer.</summary>
    public SparkplugQuality? Quality =>
        TryGetValue(QualityKey, out var value) && !value.IsNull && (value.IsSignedInteger || value.IsUnsignedInteger)
            ? (SparkplugQuality)value.AsInt64()
            : null;

    public bool Equals(SparkplugPropertySet? other) =>
        other is not null && _entries.AsSpan().SequenceEqual(other._entries);

    public override bool Equals(object? obj) => Equals(obj as SparkplugPropertySet);
    public override int GetHashCode() => _entries.Length;
    public override string ToString() => $"PropertySet[{string.Join(", ", _entries.Select(e => e.Key))}]";
}
