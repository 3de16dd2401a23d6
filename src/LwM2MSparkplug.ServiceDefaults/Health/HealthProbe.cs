using System.CommandLine;
using System.Globalization;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.ServiceDefaults.Health;

/// <summary>
/// <c>--health-check</c>: asks the running service's <c>/api/health</c> and exits 0 when it answers 2xx. Container
/// healthchecks use it because the ASP.NET runtime image has no curl or wget.
/// </summary>
public static class HealthProbe
{
    public static Option<bool> Option { get; } = new("--health-check")
    {
        Description = "Ask the running service's /api/health (on HTTP_PORT) and exit 0 when it answers 2xx: the container's healthcheck.",
    };

    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Probes <c>http://127.0.0.1:{Http:Port}/api/health</c>; the port is read as the service reads it.</summary>
    public static async Task<int> RunAsync(int defaultHttpPort, SettingsCommandLine commandLine)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddSettings(commandLine)
            .Build();
        var port = configuration.GetValue("Http:Port", defaultHttpPort);
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/api/health"));
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            await Console.Out.WriteLineAsync($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url}: {exception.Message}");
            return 1;
        }
    }
}
