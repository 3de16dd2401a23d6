namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>A DataSet metric value: typed columns and rows of scalar values (Sparkplug 3.0 §6.4.7).</summary>
public sealed class SparkplugDataSet : IEquatable<SparkplugDataSet>
{
    public SparkplugDataSet(IReadOnlyList<string> columns, IReadOnlyList<SparkplugDataType> types, IReadOnlyList<IReadOnlyList<MetricValue>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Count != types.Count)
        {
            throw new ArgumentException($"A DataSet has {columns.Count} columns but {types.Count} types.", nameof(types));
        }
        foreach (var row in rows)
        {
            if (row.Count != columns.Count)
            {
                throw new ArgumentException($"A DataSet row has {row.Count} values; the DataSet has {columns.Count} columns.", nameof(rows));
            }
            for (var i = 0; i < row.Count; i++)
            {
                if (row[i].DataType != types[i])
                {
                    throw new ArgumentException($"Column '{columns[i]}' is {types[i]} but a row holds a {row[i].DataType}.", nameof(rows));
                }
            }
        }
        Columns = columns;
        Types = types;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<SparkplugDataType> Types { get; }
    public IReadOnlyList<IReadOnlyList<MetricValue>> Rows { get; }

    public bool Equals(SparkplugDataSet? other) =>
        other is not null
        && Columns.SequenceEqual(other.Columns)
        && Types.SequenceEqual(other.Types)
        && Rows.Count == other.Rows.Count
        && Rows.Zip(other.Rows).All(pair => pair.First.SequenceEqual(pair.Second));

    public override bool Equals(object? obj) => Equals(obj as SparkplugDataSet);
    public override int GetHashCode() => HashCode.Combine(Columns.Count, Rows.Count);
    public override string ToString() => $"DataSet[{Columns.Count}x{Rows.Count}]";
}
