using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.ServiceDefaults.Configuration;

public static class ConfigurationExtensions
{
    /// <summary>
    /// Adds the flat environment variables of the command line's settings, then the command line itself: its
    /// <c>--Section:Key value</c> arguments and the keys its switches set.
    /// </summary>
    public static IConfigurationBuilder AddSettings(this IConfigurationBuilder builder, SettingsCommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(commandLine);
        builder.Add(new FlatEnvironmentConfigurationSource(commandLine.Settings));
        builder.AddCommandLine([.. commandLine.KeyArguments]);
        builder.AddInMemoryCollection(commandLine.Values);
        return builder;
    }
}
