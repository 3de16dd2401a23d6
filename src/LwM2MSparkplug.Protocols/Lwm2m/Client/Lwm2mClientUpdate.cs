using LwM2MSparkplug.Protocols.Lwm2m.Paths;

namespace LwM2MSparkplug.Protocols.Lwm2m.Client;

/// <summary>What an Update carries (LwM2M 1.2 Core §6.2.2): only what changed; all null only refreshes the lifetime.</summary>
public sealed record Lwm2mClientUpdate(TimeSpan? Lifetime = null, string? BindingMode = null, IReadOnlyList<Lwm2mPath>? ObjectLinks = null)
{
    public static readonly Lwm2mClientUpdate Refresh = new();

    /// <summary>The version of each object served, sent with <see cref="ObjectLinks"/>.</summary>
    public IReadOnlyDictionary<ushort, string> ObjectVersions { get; init; } = new Dictionary<ushort, string>();
}
