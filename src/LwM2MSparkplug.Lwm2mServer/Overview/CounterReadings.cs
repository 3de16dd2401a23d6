using Prometheus;

namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>Reading an in-process counter with one label as a map.</summary>
public static class CounterReadings
{
    /// <summary>The counter's value per value of its (first) label, ordered by label.</summary>
    public static IReadOnlyDictionary<string, double> ByLabel(Counter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var labels in counter.GetAllLabelValues())
        {
            values[labels[0]] = counter.WithLabels(labels).Value;
        }
        return values;
    }
}
