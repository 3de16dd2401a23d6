namespace LwM2MSparkplug.Lwm2mServer.Overview;

/// <summary>
/// The overview's device counts. LwM2M, by the fleet's state: registered, offline (registered, its connection dead),
/// recently gone (de-registered plus expired, kept for <c>LWM2M_FLEET_RETENTION_SECONDS</c>). Sparkplug: the host's
/// edge nodes online and offline. <see cref="Both"/>: devices the fleet's <c>?protocol=both</c> lists, with an LwM2M
/// registration (or a recent one) and an edge node.
/// </summary>
public sealed record OverviewDeviceCounts(
    int Lwm2mRegistered,
    int Lwm2mOffline,
    int Lwm2mRecentlyGone,
    int Lwm2mDeregistered,
    int Lwm2mExpired,
    int SparkplugOnline,
    int SparkplugOffline,
    int Both);
