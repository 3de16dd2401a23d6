using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.ServiceDefaults.Health;

/// <summary>How <c>/api/health</c> judges. Section <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>A service is degraded while a counter of loss or lag grew within this many seconds.</summary>
    public double DegradedWindowSeconds { get; set; } = 60;

    public TimeSpan DegradedWindow => TimeSpan.FromSeconds(DegradedWindowSeconds);

    public sealed class Validator : IValidateOptions<HealthOptions>
    {
        public ValidateOptionsResult Validate(string? name, HealthOptions options)
        {
            var problems = new ConfigurationProblems(ServiceSettings.Hosting);
            problems.RequirePositive("Health:DegradedWindowSeconds", options.DegradedWindowSeconds);
            return problems.ToResult();
        }
    }
}
