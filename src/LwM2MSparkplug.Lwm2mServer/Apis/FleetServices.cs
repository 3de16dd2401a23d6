using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Registry;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>What the fleet handlers use, bundled.</summary>
public sealed record FleetServices(
    IRegistrationStore Registrations,
    SparkplugNodeCache Sparkplug,
    SparkplugHostClient Host,
    SparkplugPresence Presence,
    DeviceMessageRates Rates,
    GoneDevices Gone,
    SharedFleet Fleet,
    Lwm2mServerMetrics Metrics,
    IOptions<Lwm2mServerOptions> Options,
    TimeProvider Time);
