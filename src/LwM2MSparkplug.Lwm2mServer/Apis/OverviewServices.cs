using LwM2MSparkplug.Lwm2mServer.Events;
using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Overview;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>What the overview handler uses, bundled.</summary>
public sealed record OverviewServices(
    SharedFleet Fleet,
    OverviewState State,
    EventBuffer Events,
    Lwm2mServerMetrics Metrics,
    IOptions<Lwm2mServerOptions> Options);
