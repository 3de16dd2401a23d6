using System.Collections;
using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.ServiceDefaults.Configuration;

/// <summary>Reads the flat environment variables of the given <see cref="Setting"/>s (<c>MQTT_PORT</c>) into their keys (<c>Mqtt:Port</c>).</summary>
public sealed class FlatEnvironmentConfigurationSource(IReadOnlyList<Setting> settings) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(settings);

    sealed class Provider(IReadOnlyList<Setting> settings) : ConfigurationProvider
    {
        public override void Load()
        {
            var keys = settings.ToDictionary(setting => setting.Name, setting => setting.Key, StringComparer.OrdinalIgnoreCase);
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                if (variable.Key is string name && keys.TryGetValue(name, out var key))
                {
                    data[key] = variable.Value as string;
                }
            }
            Data = data;
        }
    }
}
