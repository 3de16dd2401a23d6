namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>The <c>protocol=</c> filter of <c>/api/fleet</c>: devices seen on LwM2M, on Sparkplug, or on both.</summary>
public enum FleetProtocol
{
    Lwm2m,
    Sparkplug,
    Both,
}
