using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.ServiceDefaults.Configuration;

public static class ConfigurationExtensions
{
    /// <summary>
    /// Adds the flat environment variable names, then the command line. Command-line switches accept the
    /// same names (<c>--DEVICE_COUNT 5</c>), any <c>--Section:Key value</c>, and the given short aliases.
    /// </summary>
    public static IConfigurationBuilder AddFlatNames(this IConfigurationBuilder builder, string[]? args = null, IReadOnlyDictionary<string, string>? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(new FlatEnvironmentConfigurationSource());
        if (args is { Length: > 0 })
        {
            var switches = FlatConfigurationNames.ToKey.ToDictionary(pair => "--" + pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
            foreach (var (alias, key) in aliases ?? new Dictionary<string, string>())
            {
                switches[alias] = key;
            }
            builder.AddCommandLine(args, switches);
        }
        return builder;
    }
}
