namespace LwM2MSparkplug.KafkaBridge.Routing;

/// <summary>
/// How two MQTT topic filters relate, level by level ('+' one level, '#' the rest): whether one takes every topic the
/// other does, and whether any topic matches both. The bridge uses them to add a subscription only where a route can
/// use it and no other subscription already delivers its messages (a broker may deliver a message once per matching
/// subscription, which would forward it twice).
/// </summary>
public static class TopicFilters
{
    /// <summary>Whether every topic that matches <paramref name="inner"/> also matches <paramref name="outer"/>.</summary>
    public static bool Covers(string outer, string inner)
    {
        ArgumentNullException.ThrowIfNull(outer);
        ArgumentNullException.ThrowIfNull(inner);
        var outerLevels = outer.Split('/');
        var innerLevels = inner.Split('/');
        for (var i = 0; i < outerLevels.Length; i++)
        {
            if (outerLevels[i] == "#")
            {
                return true;
            }
            if (i == innerLevels.Length || innerLevels[i] == "#" || (outerLevels[i] != "+" && outerLevels[i] != innerLevels[i]))
            {
                return false;
            }
        }
        return outerLevels.Length == innerLevels.Length;
    }

    /// <summary>Whether some topic matches both filters.</summary>
    public static bool Overlap(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var firstLevels = first.Split('/');
        var secondLevels = second.Split('/');
        for (var i = 0; i < Math.Min(firstLevels.Length, secondLevels.Length); i++)
        {
            if (firstLevels[i] == "#" || secondLevels[i] == "#")
            {
                return true;
            }
            if (firstLevels[i] != "+" && secondLevels[i] != "+" && firstLevels[i] != secondLevels[i])
            {
                return false;
            }
        }
        // "a/#" also matches "a" itself.
        return firstLevels.Length == secondLevels.Length
            || (firstLevels.Length == secondLevels.Length + 1 && firstLevels[^1] == "#")
            || (secondLevels.Length == firstLevels.Length + 1 && secondLevels[^1] == "#");
    }
}
