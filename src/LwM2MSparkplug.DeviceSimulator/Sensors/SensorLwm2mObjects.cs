using LwM2MSparkplug.Protocols.Lwm2m.Client;
using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.DeviceSimulator.Sensors;

/// <summary>
/// The simulated sensor as an LwM2M client: objects Server (1), Device (3), Connectivity Monitoring (4) and
/// Temperature (3303), the values its Register carries and the ones it reports with Send.
/// </summary>
public static class SensorLwm2mObjects
{
    /// <summary>What every Send reports: temperature, battery level and the device's time.</summary>
    public static readonly IReadOnlyList<Lwm2mPath> SendPaths = [Lwm2mPath.Parse("/3303/0/5700"), Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3/0/13")];

    /// <summary>The values of the original stack's Register: server settings, identity, battery, time, temperature.</summary>
    public static readonly IReadOnlyList<Lwm2mPath> RegisterValuePaths =
    [
        .. new[] { "/1/0/0", "/1/0/1", "/1/0/7", "/3/0/0", "/3/0/1", "/3/0/2", "/3/0/3", "/3/0/9", "/3/0/13", "/3/0/16", "/3303/0/5700", "/3303/0/5701" }.Select(Lwm2mPath.Parse),
    ];

    /// <summary>
    /// The LwM2M client of one simulated device, speaking <paramref name="dialect"/>: the project's JSON contract
    /// (<c>json</c>) or OMA's MQTT binding (<c>oma</c>, under <see cref="SimulatorOptions.Lwm2mOmaPrefix"/>).
    /// </summary>
    public static Lwm2mClient CreateClient(string endpoint, SensorModel sensor, SimulatorOptions options, string dialect = JsonContractDialect.DialectName)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(options);
        var client = new Lwm2mClientOptions
        {
            Endpoint = endpoint,
            RegistrationRetryInterval = options.RegistrationRetryInterval,
            RegistrationRetryMaxInterval = TimeSpan.FromSeconds(options.RegistrationRetryMaxSeconds),
            SendInterval = options.Lwm2mInterval,
            SendPaths = SendPaths,
            RegisterValuePaths = RegisterValuePaths,
            MaxMessageBytes = options.MaxMessageBytes,
            QueueMode = options.Lwm2mQueueMode,
        };
        // The original stack's devices declare UDP with queue mode (UQ); over OMA's binding a device is on MQTT (M),
        // and its Register's binding (key 10) is the Server object's.
        var oma = dialect == OmaClientDialect.DialectName;
        var binding = oma ? "M" : "UQ";
        var server = new ServerObjectEnabler(shortServerId: 1, TimeSpan.FromSeconds(options.Lwm2mLifetimeSeconds), binding);
        var random = new Random(endpoint.GetHashCode(StringComparison.Ordinal));
        ILwm2mClientDialect wire = oma ? new OmaClientDialect(endpoint, options.Lwm2mOmaPrefix) : new JsonContractDialect(endpoint);
        return new Lwm2mClient(client, wire, server,
            [new DeviceObjectEnabler(endpoint, sensor, binding), new ConnectivityMonitoringObjectEnabler(sensor), new TemperatureObjectEnabler(sensor, random)]);
    }
}
