using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;

namespace LwM2MSparkplug.ServiceDefaults;

/// <summary>What one service is to its executable: its name, default HTTP port, a sentence for <c>--help</c> and the settings it reads.</summary>
public sealed record ServiceProgram(string Name, int DefaultHttpPort, string Description, IReadOnlyList<SettingGroup> Settings)
{
    /// <summary>
    /// The whole of a service's <c>Main</c>: <c>--help</c>, <c>--health-check</c>, or the service itself with the shared
    /// defaults, <paramref name="add"/> and <paramref name="map"/>. Exit code 2 on a bad command line or configuration.
    /// </summary>
    public async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder> add, Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(map);
        var commandLine = SettingsCommandLine.Parse(args, Description, Settings, [HealthProbe.Option],
            new Dictionary<string, string> { ["Http:Port"] = DefaultHttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (commandLine.ExitCode is { } exitCode)
        {
            return exitCode;
        }
        if (commandLine.IsSet(HealthProbe.Option))
        {
            return await HealthProbe.RunAsync(DefaultHttpPort, commandLine);
        }
        // The host gets no arguments of its own: the command line was read above, into the configuration below.
        var builder = WebApplication.CreateBuilder();
        builder.AddServiceDefaults(Name, DefaultHttpPort, commandLine);
        add(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        return await app.RunServiceAsync();
    }
}
