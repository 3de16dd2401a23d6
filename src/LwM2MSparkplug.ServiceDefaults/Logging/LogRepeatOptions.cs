using LwM2MSparkplug.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.ServiceDefaults.Logging;

/// <summary>How often the same warning may be written. Section <c>Logging</c>.</summary>
public sealed class LogRepeatOptions
{
    public const string SectionName = "Logging";

    /// <summary>
    /// Warnings and errors with the same message template and reason written per window; the rest are counted and
    /// summed up in one line when the window ends. 0 writes every one.
    /// </summary>
    public int RepeatLimit { get; set; } = 10;

    /// <summary>The window <see cref="RepeatLimit"/> counts in, in seconds.</summary>
    public double RepeatWindowSeconds { get; set; } = 60;

    public TimeSpan RepeatWindow => TimeSpan.FromSeconds(RepeatWindowSeconds);

    public sealed class Validator : IValidateOptions<LogRepeatOptions>
    {
        public ValidateOptionsResult Validate(string? name, LogRepeatOptions options)
        {
            var problems = new ConfigurationProblems(ServiceSettings.Hosting);
            problems.RequireRange("Logging:RepeatLimit", options.RepeatLimit, 0, int.MaxValue);
            problems.RequirePositive("Logging:RepeatWindowSeconds", options.RepeatWindowSeconds);
            return problems.ToResult();
        }
    }
}
