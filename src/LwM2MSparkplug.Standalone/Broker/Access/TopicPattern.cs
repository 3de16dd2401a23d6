namespace LwM2MSparkplug.Standalone.Broker.Access;

/// <summary>
/// An access rule's topic pattern, split into levels: MQTT wildcards <c>+</c> and <c>#</c>, and <c>%c</c> for the
/// client's own id (as in Mosquitto's <c>pattern</c> lines). Decides whether it covers a topic filter, i.e. whether
/// every topic the filter can match is one the pattern matches; a topic name is the filter of itself.
/// </summary>
public sealed class TopicPattern
{
    /// <summary>The level that stands for the client's own id.</summary>
    public const string ClientId = "%c";

    readonly string[] _levels;

    public TopicPattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        Text = pattern;
        _levels = pattern.Split('/');
    }

    public string Text { get; }

    /// <summary>The position of the <c>%c</c> level, if the pattern has one.</summary>
    public int? IdLevel => Array.IndexOf(_levels, ClientId) is var index and >= 0 ? index : null;

    /// <summary>
    /// Whether the pattern, with <c>%c</c> read as <paramref name="clientId"/> (or as <c>+</c> when it is null), covers
    /// the filter whose levels are <paramref name="filter"/>.
    /// </summary>
    public bool Covers(IReadOnlyList<string> filter, string? clientId)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // MQTT 4.7.2: a wildcard in the first level does not match topics that start with '$' ($SYS).
        var system = filter.Count > 0 && filter[0].StartsWith('$');
        for (var i = 0; i < _levels.Length; i++)
        {
            var level = _levels[i] == ClientId ? clientId ?? "+" : _levels[i];
            if (level == "#")
            {
                return !(i == 0 && system);
            }
            if (i >= filter.Count || filter[i] == "#")
            {
                return false;
            }
            if (level == "+")
            {
                if (i == 0 && system)
                {
                    return false;
                }
            }
            else if (level != filter[i])
            {
                return false;
            }
        }
        return filter.Count == _levels.Length;
    }

    public override string ToString() => Text;
}
