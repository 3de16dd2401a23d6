namespace LwM2MSparkplug.Standalone.Broker.Routing;

/// <summary>
/// Topic filters of many clients in a tree of topic levels, so that the clients a topic reaches are found in a few
/// steps whatever the number of clients (MQTTnet asks every session in turn). Each client has at most one entry per
/// filter, with its granted QoS. Thread-safe; no I/O.
/// </summary>
public sealed class SubscriptionIndex
{
    readonly Level _root = new();
    readonly Dictionary<string, HashSet<string>> _filtersByClient = new(StringComparer.Ordinal);
    readonly Lock _gate = new();

    /// <summary>Adds or replaces the client's subscription to <paramref name="filter"/>.</summary>
    public void Add(string clientId, string filter, int qualityOfService)
    {
        lock (_gate)
        {
            var level = _root;
            foreach (var name in filter.Split('/'))
            {
                level.Children ??= new Dictionary<string, Level>(StringComparer.Ordinal);
                if (!level.Children.TryGetValue(name, out var child))
                {
                    child = new Level();
                    level.Children[name] = child;
                }
                level = child;
            }
            level.Clients ??= new Dictionary<string, int>(StringComparer.Ordinal);
            level.Clients[clientId] = qualityOfService;
            if (!_filtersByClient.TryGetValue(clientId, out var filters))
            {
                filters = new HashSet<string>(StringComparer.Ordinal);
                _filtersByClient[clientId] = filters;
            }
            filters.Add(filter);
        }
    }

    /// <summary>Removes the client's subscription to <paramref name="filter"/>; false when it had none.</summary>
    public bool Remove(string clientId, string filter)
    {
        lock (_gate)
        {
            if (!_filtersByClient.TryGetValue(clientId, out var filters) || !filters.Remove(filter))
            {
                return false;
            }
            if (filters.Count == 0)
            {
                _filtersByClient.Remove(clientId);
            }
            RemoveFrom(_root, filter.Split('/'), 0, clientId);
            return true;
        }
    }

    /// <summary>Removes every subscription of the client.</summary>
    public void RemoveClient(string clientId)
    {
        lock (_gate)
        {
            if (!_filtersByClient.Remove(clientId, out var filters))
            {
                return;
            }
            foreach (var filter in filters)
            {
                RemoveFrom(_root, filter.Split('/'), 0, clientId);
            }
        }
    }

    public bool Contains(string clientId, string filter)
    {
        lock (_gate)
        {
            return _filtersByClient.TryGetValue(clientId, out var filters) && filters.Contains(filter);
        }
    }

    /// <summary>The clients whose filters match <paramref name="topic"/>, each once with the highest QoS it was granted.</summary>
    public void Match(string topic, Dictionary<string, int> matches)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(matches);
        var levels = topic.Split('/');
        lock (_gate)
        {
            Match(_root, levels, 0, matches);
        }
    }

    public int FilterCount
    {
        get
        {
            lock (_gate)
            {
                return _filtersByClient.Values.Sum(filters => filters.Count);
            }
        }
    }

    static void Match(Level level, string[] topic, int depth, Dictionary<string, int> matches)
    {
        if (level.Children is null)
        {
            return;
        }
        // MQTT 4.7.2: a wildcard in the first level does not match topics that start with '$'.
        var wildcardsMatch = depth > 0 || !topic[0].StartsWith('$');
        if (wildcardsMatch && level.Children.TryGetValue("#", out var rest))
        {
            AddAll(rest, matches);
        }
        if (depth == topic.Length)
        {
            return;
        }
        if (level.Children.TryGetValue(topic[depth], out var exact))
        {
            MatchOrCollect(exact, topic, depth + 1, matches);
        }
        if (wildcardsMatch && level.Children.TryGetValue("+", out var any))
        {
            MatchOrCollect(any, topic, depth + 1, matches);
        }
    }

    static void MatchOrCollect(Level level, string[] topic, int depth, Dictionary<string, int> matches)
    {
        if (depth == topic.Length)
        {
            AddAll(level, matches);
        }
        // "a/#" also matches "a" itself (MQTT 4.7.1.2), so a level at the topic's end is still searched for '#'.
        Match(level, topic, depth, matches);
    }

    static void AddAll(Level level, Dictionary<string, int> matches)
    {
        foreach (var (clientId, qualityOfService) in level.Clients ?? [])
        {
            matches[clientId] = matches.TryGetValue(clientId, out var found) ? Math.Max(found, qualityOfService) : qualityOfService;
        }
    }

    /// <summary>Removes the client at the end of the filter's path and prunes levels left empty; true when this level is now empty.</summary>
    static bool RemoveFrom(Level level, string[] filter, int depth, string clientId)
    {
        if (depth == filter.Length)
        {
            level.Clients?.Remove(clientId);
        }
        else if (level.Children is not null && level.Children.TryGetValue(filter[depth], out var child) && RemoveFrom(child, filter, depth + 1, clientId))
        {
            level.Children.Remove(filter[depth]);
        }
        return (level.Clients is null || level.Clients.Count == 0) && (level.Children is null || level.Children.Count == 0);
    }

    sealed class Level
    {
        public Dictionary<string, Level>? Children;
        public Dictionary<string, int>? Clients;
    }
}
