using System.Globalization;

namespace LwM2MSparkplug.Testing;

/// <summary>Reads one sample from a <c>/metrics</c> page in the Prometheus text format.</summary>
public static class PrometheusText
{
    /// <summary>The value of <paramref name="series"/> (name with its labels, as printed), or 0 when it is absent.</summary>
    public static double Value(string metrics, string series)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(series);
        var prefix = series + " ";
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
