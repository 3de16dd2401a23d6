using System.Text.RegularExpressions;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>Just enough PromQL reading to find metric names and job selectors.</summary>
public static partial class PromQl
{
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = StringLiteral().Replace(expression, "\"\"");
        text = Grouping().Replace(text, " ");
        text = LabelMatchers().Replace(text, " ");
        text = RangeSelector().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(match => !Keywords.Contains(match.Groups["name"].Value) && !match.Groups["call"].Success)
            .Select(match => match.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The job names a query selects with <c>job="x"</c> or <c>job=~"x|y"</c>.</summary>
    public static IEnumerable<string> Jobs(string expression) =>
        JobSelector().Matches(expression).SelectMany(match => match.Groups["jobs"].Value.Split('|'));

    static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset" };

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeSelector();

    [GeneratedRegex(@"(?<![\w$.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();

    [GeneratedRegex("job=~?\"(?<jobs>[^\"]+)\"")]
    private static partial Regex JobSelector();
}
