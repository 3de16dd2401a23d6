using LwM2MSparkplug.Protocols;

namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// The paging, sorting and filters of one <c>/api/fleet</c> call, checked: <see cref="TryCreate"/> gives a sentence
/// naming the parameter that does not fit. <see cref="Filter"/> matches a substring of the endpoint, ignoring case.
/// </summary>
public sealed record FleetQuery(int Offset, int Limit, FleetSort Sort, bool Descending, string? Filter, FleetProtocol? Protocol, FleetLwm2mState? State)
{
    public static bool TryCreate(
        int? offset, int? limit, string? sort, string? filter, string? protocol, string? state, int defaultLimit, int maxLimit, out FleetQuery query, out string? error)
    {
        query = new FleetQuery(0, defaultLimit, FleetSort.Endpoint, false, null, null, null);
        error = offset switch
        {
            < 0 => $"'offset' must be 0 or more; got {offset}.",
            _ => limit switch
            {
                < 1 => $"'limit' must be at least 1; got {limit}.",
                _ when limit > maxLimit => $"'limit' may be at most {maxLimit} (Lwm2mServer:FleetMaxPageSize, LWM2M_FLEET_MAX_PAGE_SIZE); got {limit}. Page with 'offset'.",
                _ => null,
            },
        };
        if (error is not null)
        {
            return false;
        }
        var descending = sort?.StartsWith('-') == true;
        var sortBy = sort is null ? FleetSort.Endpoint : Parse<FleetSort>(descending ? sort[1..] : sort);
        var protocolFilter = protocol is null ? null : Parse<FleetProtocol>(protocol);
        var stateFilter = state is null ? null : Parse<FleetLwm2mState>(state);
        error = (sortBy, protocolFilter, stateFilter) switch
        {
            (null, _, _) => $"'sort' must be one of {Names<FleetSort>()}, with '-' in front for descending; got '{sort}'.",
            (_, null, _) when protocol is not null => $"'protocol' must be one of {Names<FleetProtocol>()}; got '{protocol}'.",
            (_, _, null) when state is not null => $"'state' must be one of {Names<FleetLwm2mState>()}; got '{state}'.",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }
        query = new FleetQuery(offset ?? 0, limit ?? defaultLimit, sortBy!.Value, descending, string.IsNullOrEmpty(filter) ? null : filter, protocolFilter, stateFilter);
        return true;
    }

    /// <summary>The page of <paramref name="devices"/> this query asks for.</summary>
    public FleetPage Apply(IReadOnlyList<FleetDevice> devices, SparkplugSource source)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var matching = devices.Where(Matches).ToList();
        matching.Sort(Compare);
        return new FleetPage(matching.Count, Offset, Limit, [.. matching.Skip(Offset).Take(Limit)], source);
    }

    bool Matches(FleetDevice device) =>
        (Filter is null || device.Endpoint.Contains(Filter, StringComparison.OrdinalIgnoreCase))
        && (State is null || device.State == State)
        && Protocol switch
        {
            FleetProtocol.Lwm2m => device.State != FleetLwm2mState.Unregistered,
            FleetProtocol.Sparkplug => device.Sparkplug is not null,
            FleetProtocol.Both => device.State != FleetLwm2mState.Unregistered && device.Sparkplug is not null,
            _ => true,
        };

    int Compare(FleetDevice a, FleetDevice b)
    {
        var byKey = Sort switch
        {
            FleetSort.Lwm2mState => Directed(a.State.CompareTo(b.State)),
            FleetSort.SparkplugOnline => MissingLast(OfflineRank(a), OfflineRank(b)),
            FleetSort.LastUpdateAt => MissingLast(a.LastUpdateAt, b.LastUpdateAt),
            _ => Directed(string.CompareOrdinal(a.Endpoint, b.Endpoint)),
        };
        return byKey != 0 ? byKey : string.CompareOrdinal(a.Endpoint, b.Endpoint);
    }

    /// <summary>0 online, 1 offline, null without an edge node.</summary>
    static int? OfflineRank(FleetDevice device) => device.Sparkplug is { } sparkplug ? (sparkplug.Online ? 0 : 1) : null;

    int Directed(int comparison) => Descending ? -comparison : comparison;

    /// <summary>Devices without the key (no registration, no edge node) come last in either direction.</summary>
    int MissingLast<T>(T? a, T? b) where T : struct, IComparable<T> => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        _ => Directed(a.Value.CompareTo(b.Value)),
    };

    static T? Parse<T>(string text) where T : struct, Enum =>
        Enum.GetValues<T>().Where(value => string.Equals(ReasonNames.Of(value), text, StringComparison.OrdinalIgnoreCase)).Cast<T?>().FirstOrDefault();

    static string Names<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(value => $"'{ReasonNames.Of(value)}'"));
}
