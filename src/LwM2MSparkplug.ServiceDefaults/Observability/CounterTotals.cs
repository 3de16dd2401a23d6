using Prometheus;

namespace LwM2MSparkplug.ServiceDefaults.Observability;

/// <summary>Reading a labelled counter as one number.</summary>
public static class CounterTotals
{
    /// <summary>The sum over every label combination of <paramref name="counter"/> (and its unlabelled value).</summary>
    public static double Total(this Counter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        var total = counter.Value;
        foreach (var labels in counter.GetAllLabelValues())
        {
            total += counter.WithLabels(labels).Value;
        }
        return total;
    }
}
