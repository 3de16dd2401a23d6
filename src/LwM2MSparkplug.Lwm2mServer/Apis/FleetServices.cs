using LwM2MSparkplug.Lwm2mServer.Fleet;
using LwM2MSparkplug.Lwm2mServer.Registry;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.Lwm2mServer.Apis;

/// <summary>What the fleet handler uses, bundled.</summary>
public sealed record FleetServices(IRegistrationStore Registrations, SparkplugNodeCache Sparkplug, GoneDevices Gone, IOptions<Lwm2mServerOptions> Options, TimeProvider Time);
