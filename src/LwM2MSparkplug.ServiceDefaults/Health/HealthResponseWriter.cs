using System.Globalization;
using System.Text.Json;
using LwM2MSparkplug.ServiceDefaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LwM2MSparkplug.ServiceDefaults.Health;

/// <summary>
/// Writes <c>{"status":"healthy","timestamp":"…", …service fields…}</c>, the original stack's shape.
/// Failing checks are listed under <c>checks</c> only when the status is not healthy.
/// </summary>
public static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body, JsonDefaults.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString().ToLowerInvariant());
        writer.WriteString("timestamp", time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        foreach (var fields in context.RequestServices.GetServices<IHealthFields>())
        {
            fields.Write(writer);
        }
        if (report.Status != HealthStatus.Healthy)
        {
            writer.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                writer.WriteStartObject(name);
                writer.WriteString("status", entry.Status.ToString().ToLowerInvariant());
                writer.WriteString("description", entry.Description ?? entry.Exception?.Message);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
