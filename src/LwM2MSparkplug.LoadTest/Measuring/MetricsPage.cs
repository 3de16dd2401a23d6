using System.Globalization;

namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>One scrape of a <c>/metrics</c> page (Prometheus text format 0.0.4): its samples, summed by name and labels.</summary>
public sealed class MetricsPage
{
    public static readonly MetricsPage Empty = new([]);

    readonly IReadOnlyList<Sample> _samples;

    MetricsPage(IReadOnlyList<Sample> samples) => _samples = samples;

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public IReadOnlyList<Sample> Samples => _samples;

    public static MetricsPage Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<Sample>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (TryParseSample(line, out var sample))
            {
                samples.Add(sample);
            }
        }
        return new MetricsPage(samples);
    }

    /// <summary>The sum of every sample named <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var value) && value == l.Value)).Sum(s => s.Value);

    /// <summary>The sum of every sample named <paramref name="name"/> whose <paramref name="label"/> satisfies <paramref name="match"/>.</summary>
    public double SumWhere(string name, string label, Func<string, bool> match) =>
        _samples.Where(s => s.Name == name && s.Labels.TryGetValue(label, out var value) && match(value)).Sum(s => s.Value);

    /// <summary>A histogram's cumulative buckets, by upper bound (the last one +Inf).</summary>
    public IReadOnlyList<(double UpperBound, double Count)> Buckets(string histogram) =>
        [.. _samples.Where(s => s.Name == histogram + "_bucket" && s.Labels.ContainsKey("le"))
            .Select(s => (UpperBound: ParseDouble(s.Labels["le"]), Count: s.Value))
            .OrderBy(b => b.UpperBound)];

    static bool TryParseSample(string line, out Sample sample)
    {
        sample = null!;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var firstSpace = line.IndexOf(' ', StringComparison.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        string name;
        string rest;
        if (brace > 0 && (firstSpace < 0 || brace < firstSpace))
        {
            var close = line.LastIndexOf('}');
            if (close < brace || !TryParseLabels(line.AsSpan(brace + 1, close - brace - 1), labels))
            {
                return false;
            }
            name = line[..brace];
            rest = line[(close + 1)..];
        }
        else if (firstSpace > 0)
        {
            name = line[..firstSpace];
            rest = line[firstSpace..];
        }
        else
        {
            return false;
        }
        // The value, then optionally a timestamp.
        var fields = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            return false;
        }
        sample = new Sample(name, labels, ParseDouble(fields[0]));
        return true;
    }

    static bool TryParseLabels(ReadOnlySpan<char> text, Dictionary<string, string> labels)
    {
        while (!text.IsEmpty)
        {
            var equals = text.IndexOf('=');
            if (equals <= 0 || text.Length < equals + 2 || text[equals + 1] != '"')
            {
                return false;
            }
            var name = text[..equals].Trim().ToString();
            var value = new System.Text.StringBuilder();
            var i = equals + 2;
            for (; i < text.Length && text[i] != '"'; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                    value.Append(text[i] == 'n' ? '\n' : text[i]);
                }
                else
                {
                    value.Append(text[i]);
                }
            }
            if (i >= text.Length)
            {
                return false;
            }
            labels[name] = value.ToString();
            text = i + 1 < text.Length ? text[(i + 1)..].TrimStart(',') : [];
        }
        return true;
    }

    static double ParseDouble(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN,
    };
}
