namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// One page of <c>/api/fleet</c>: <see cref="Total"/> devices match the filters, <see cref="Devices"/> are those from
/// <see cref="Offset"/> on, at most <see cref="Limit"/>. <see cref="SparkplugSource"/> says where the Sparkplug side
/// came from and whether it could be read.
/// </summary>
public sealed record FleetPage(int Total, int Offset, int Limit, IReadOnlyList<FleetDevice> Devices, SparkplugSource SparkplugSource);
