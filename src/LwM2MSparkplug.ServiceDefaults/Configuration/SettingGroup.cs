namespace LwM2MSparkplug.ServiceDefaults.Configuration;

/// <summary>The settings of one part of the system (the MQTT connection, the LwM2M server, …), owned by the library that reads them.</summary>
public sealed record SettingGroup(string Title, IReadOnlyList<Setting> Settings)
{
    /// <summary>The settings of several groups, each name once, in order.</summary>
    public static IReadOnlyList<Setting> Flatten(IEnumerable<SettingGroup> groups) =>
        [.. groups.SelectMany(group => group.Settings).DistinctBy(setting => setting.Name, StringComparer.Ordinal)];
}
