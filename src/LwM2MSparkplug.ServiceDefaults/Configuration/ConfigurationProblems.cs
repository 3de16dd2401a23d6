using Microsoft.Extensions.Options;

namespace LwM2MSparkplug.ServiceDefaults.Configuration;

/// <summary>
/// Collects configuration problems as sentences that name the key, its flat name (from the <paramref name="groups"/>
/// the validated options belong to), what is wrong and how to fix it.
/// </summary>
public sealed class ConfigurationProblems(params IEnumerable<SettingGroup> groups)
{
    readonly List<string> _problems = [];

    public void Add(string key, string problem) => _problems.Add($"{Describe(key)}: {problem}");

    /// <summary>Names a key for people: <c>Mqtt:Port (MQTT_PORT)</c>, or just the key when it has no flat name.</summary>
    public string Describe(string key) =>
        groups.SelectMany(group => group.Settings).FirstOrDefault(setting => string.Equals(setting.Key, key, StringComparison.OrdinalIgnoreCase)) is { } setting
            ? $"{key} ({setting.Name})"
            : key;

    public bool HasProblems => _problems.Count > 0;

    /// <summary>Adds the problems of one part of the settings (e.g. one of several servers), each said of <paramref name="part"/>.</summary>
    public void AddAll(string part, ConfigurationProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        _problems.AddRange(problems._problems.Select(problem => $"{part}: {problem}"));
    }

    public void RequirePort(string key, int value)
    {
        if (value is < 1 or > 65535)
        {
            Add(key, $"must be a TCP port from 1 to 65535; got {value}.");
        }
    }

    public void RequirePositive(string key, double value, string unit = "seconds")
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            Add(key, $"must be a positive number of {unit}; got {value}.");
        }
    }

    public void RequireRange(string key, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Add(key, $"must be from {min} to {max}; got {value}.");
        }
    }

    public void RequireNotEmpty(string key, string? value, string hint)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(key, $"must be set; {hint}");
        }
    }

    public void RequireFile(string key, string? path, string hint)
    {
        if (path is not null && !File.Exists(path))
        {
            Add(key, $"file '{path}' does not exist; {hint}");
        }
    }

    public ValidateOptionsResult ToResult() =>
        _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);
}
