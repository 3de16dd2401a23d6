using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.Standalone;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Configuration;

/// <summary>Every setting of every executable: documented, well named, and one name per key.</summary>
public sealed class SettingsTests
{
    static readonly string ConfigurationReference = File.ReadAllText(RepositoryPaths.Combine("docs", "configuration.md"));

    /// <summary>The standalone process reads every service's settings; only the services' HTTP_PORT is not among them.</summary>
    static readonly IReadOnlyList<Setting> Every = SettingGroup.Flatten([.. StandaloneSettings.All, ServiceSettings.Hosting]);

    public static TheoryData<string, string> Names()
    {
        var data = new TheoryData<string, string>();
        foreach (var setting in Every)
        {
            data.Add(setting.Name, setting.Key);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EverySetting_IsDocumentedWithItsKey(string name, string key)
    {
        Assert.Contains($"| `{name}` | `{key}` |", ConfigurationReference, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryName_IsUpperSnakeCase_MapsToASectionKey_AndNamesOneKey()
    {
        Assert.All(Every, setting =>
        {
            Assert.Matches("^[A-Z][A-Z0-9_]*$", setting.Name);
            Assert.Contains(':', setting.Key);
            Assert.False(string.IsNullOrWhiteSpace(setting.Description), setting.Name);
        });
        Assert.Equal(Every.Count, Every.Select(setting => setting.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void ConfigurationProblems_NameTheKeyAndItsEnvironmentVariable()
    {
        var problems = new ConfigurationProblems(ServiceSettings.Mqtt);

        Assert.Equal("Mqtt:Port (MQTT_PORT)", problems.Describe("Mqtt:Port"));
        Assert.Equal("Some:Key", problems.Describe("Some:Key"));
    }
}
