using System.Collections;
using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.ServiceDefaults.Configuration;

/// <summary>Reads the flat environment variables of <see cref="FlatConfigurationNames"/> into their keys.</summary>
public sealed class FlatEnvironmentConfigurationSource : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider();

    sealed class Provider : ConfigurationProvider
    {
        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                if (variable.Key is string name && FlatConfigurationNames.ToKey.TryGetValue(name, out var key))
                {
                    data[key] = variable.Value as string;
                }
            }
            Data = data;
        }
    }
}
