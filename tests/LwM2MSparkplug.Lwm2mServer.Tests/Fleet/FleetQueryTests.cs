using LwM2MSparkplug.Lwm2mServer.Fleet;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Fleet;

public sealed class FleetQueryTests
{
    static readonly SparkplugSource Source = new("http://host/", true, null, DateTimeOffset.UnixEpoch);
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // b: registered, Sparkplug offline; a: offline, no node; C: unregistered, Sparkplug online; d: registered, updated later, online.
    static readonly IReadOnlyList<FleetDevice> Devices =
    [
        Device("b", FleetLwm2mState.Registered, T0, sparkplugOnline: false),
        Device("a", FleetLwm2mState.Offline, T0.AddMinutes(-1), sparkplugOnline: null),
        Device("C", FleetLwm2mState.Unregistered, null, sparkplugOnline: true),
        Device("d", FleetLwm2mState.Registered, T0.AddMinutes(1), sparkplugOnline: true),
    ];

    [Theory]
    [InlineData(null, "C,a,b,d")]
    [InlineData("endpoint", "C,a,b,d")]
    [InlineData("-endpoint", "d,b,a,C")]
    [InlineData("lwm2m_state", "b,d,a,C")]
    [InlineData("-lwm2m_state", "C,a,b,d")]
    [InlineData("sparkplug_online", "C,d,b,a")]
    [InlineData("-sparkplug_online", "b,C,d,a")]
    [InlineData("last_update_at", "a,b,d,C")]
    [InlineData("-last_update_at", "d,b,a,C")]
    public void Apply_Sorts_WithTiesByEndpoint_AndMissingKeysLast(string? sort, string expected)
    {
        var page = Query(sort: sort).Apply(Devices, Source);

        Assert.Equal(expected, string.Join(',', page.Devices.Select(d => d.Endpoint)));
    }

    [Theory]
    [InlineData("c", null, null, "C")]
    [InlineData(null, "lwm2m", null, "a,b,d")]
    [InlineData(null, "sparkplug", null, "C,b,d")]
    [InlineData(null, "both", null, "b,d")]
    [InlineData(null, null, "unregistered", "C")]
    [InlineData(null, "Both", "Registered", "b,d")]
    public void Apply_Filters_ByEndpointSubstringProtocolAndState(string? filter, string? protocol, string? state, string expected)
    {
        var page = Query(filter: filter, protocol: protocol, state: state).Apply(Devices, Source);

        Assert.Equal(expected, string.Join(',', page.Devices.Select(d => d.Endpoint)));
        Assert.Equal(page.Devices.Count, page.Total);
    }

    [Fact]
    public void Apply_Pages_AndCountsEveryMatch()
    {
        var page = Query(offset: 1, limit: 2).Apply(Devices, Source);

        Assert.Equal(4, page.Total);
        Assert.Equal(["a", "b"], page.Devices.Select(d => d.Endpoint));
        Assert.Same(Source, page.SparkplugSource);
    }

    [Theory]
    [InlineData(-1, null, null, null, null, "'offset'")]
    [InlineData(null, 0, null, null, null, "'limit'")]
    [InlineData(null, 11, null, null, null, "'limit' may be at most 10")]
    [InlineData(null, null, "name", null, null, "'sort'")]
    [InlineData(null, null, "--endpoint", null, null, "'sort'")]
    [InlineData(null, null, null, "coap", null, "'protocol'")]
    [InlineData(null, null, null, null, "gone", "'state'")]
    public void TryCreate_BadParameter_IsRefusedNamingIt(int? offset, int? limit, string? sort, string? protocol, string? state, string named)
    {
        Assert.False(FleetQuery.TryCreate(offset, limit, sort, null, protocol, state, 5, 10, out _, out var error));

        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_WithoutLimit_TakesTheDefaultPageSize()
    {
        Assert.True(FleetQuery.TryCreate(null, null, null, "", null, null, 5, 10, out var query, out _));

        Assert.Equal(new FleetQuery(0, 5, FleetSort.Endpoint, false, null, null, null), query);
    }

    static FleetQuery Query(int? offset = null, int? limit = null, string? sort = null, string? filter = null, string? protocol = null, string? state = null)
    {
        Assert.True(FleetQuery.TryCreate(offset, limit, sort, filter, protocol, state, 100, 1000, out var query, out var error), error);
        return query;
    }

    static FleetDevice Device(string endpoint, FleetLwm2mState state, DateTimeOffset? lastUpdateAt, bool? sparkplugOnline) => new(
        endpoint, state, null, null, null, null, lastUpdateAt, null, null, 0,
        sparkplugOnline is { } online ? new FleetSparkplugSide("g", online, null, null, null, false, 0, new MetricQualityCounts(0, 0, 0), 0, 0, null) : null);
}
