namespace LwM2MSparkplug.Lwm2mServer.Fleet;

/// <summary>
/// Where the Sparkplug side of the fleet came from: the host's <c>/api/nodes</c> at <see cref="Url"/>, read at <see cref="AsOf"/>.
/// <see cref="Error"/> says why it could not be read when <see cref="Reachable"/> is false; the fleet then shows the
/// LwM2M side alone.
/// </summary>
public sealed record SparkplugSource(string Url, bool Reachable, string? Error, DateTimeOffset AsOf);
