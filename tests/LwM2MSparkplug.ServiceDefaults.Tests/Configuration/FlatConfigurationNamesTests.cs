using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Configuration;

public sealed class FlatConfigurationNamesTests
{
    static readonly string ConfigurationReference = File.ReadAllText(RepositoryPaths.Combine("docs", "configuration.md"));

    public static TheoryData<string, string> Names()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, key) in FlatConfigurationNames.ToKey)
        {
            data.Add(name, key);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryFlatName_IsDocumentedWithItsKey(string name, string key)
    {
        Assert.Contains($"| `{name}` | `{key}` |", ConfigurationReference, StringComparison.Ordinal);
    }
}
