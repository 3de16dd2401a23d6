using System.Net.Http.Json;
using System.Text.Json;

namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>Reads one service's <c>/metrics</c> and <c>/api/health</c>; an unreachable service reads as empty and unhealthy.</summary>
public sealed class ServiceProbe(string name, Uri? baseUrl, HttpClient http)
{
    public string Name => name;
    public bool IsConfigured => baseUrl is not null;

    public async Task<MetricsPage> ScrapeAsync(CancellationToken cancellationToken)
    {
        if (baseUrl is null)
        {
            return MetricsPage.Empty;
        }
        try
        {
            return MetricsPage.Parse(await http.GetStringAsync(new Uri(baseUrl, "metrics"), cancellationToken));
        }
        catch (HttpRequestException)
        {
            return MetricsPage.Empty;
        }
    }

    /// <summary>The health status (<c>healthy</c>, <c>degraded</c>, <c>unhealthy</c>) and the descriptions of what is not healthy.</summary>
    public async Task<(string Status, string Detail)> HealthAsync(CancellationToken cancellationToken)
    {
        if (baseUrl is null)
        {
            return ("unknown", "not configured");
        }
        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl, "api/health"), cancellationToken);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var status = body.TryGetProperty("status", out var s) ? s.GetString() ?? "unknown" : "unknown";
            var details = new List<string>();
            if (body.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Object)
            {
                foreach (var check in checks.EnumerateObject())
                {
                    if (check.Value.TryGetProperty("status", out var cs) && cs.GetString() != "healthy" && check.Value.TryGetProperty("description", out var d))
                    {
                        details.Add(d.GetString() ?? check.Name);
                    }
                }
            }
            return (status, string.Join("; ", details));
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException)
        {
            return ("unreachable", exception.Message);
        }
    }
}
