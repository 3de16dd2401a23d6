using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace LwM2MSparkplug.ServiceDefaults.Configuration;

/// <summary>
/// An executable's command line, made from the <see cref="SettingGroup"/>s it reads: a switch per setting
/// (<c>--MQTT_PORT 1884</c>, and short forms such as <c>--devices</c>), any configuration key (<c>--Mqtt:Host broker</c>),
/// and <c>--help</c>, which lists every switch with its environment variable, key and default. The environment source
/// (<see cref="FlatEnvironmentConfigurationSource"/>) reads the same settings, so help, switches and variables cannot
/// drift apart.
/// </summary>
public sealed class SettingsCommandLine
{
    readonly ParseResult? _result;

    SettingsCommandLine(IReadOnlyList<Setting> settings, ParseResult? result, IReadOnlyDictionary<string, string?> values, IReadOnlyList<string> keyArguments, int? exitCode)
    {
        Settings = settings;
        _result = result;
        Values = values;
        KeyArguments = keyArguments;
        ExitCode = exitCode;
    }

    /// <summary>Every setting the executable reads, each name once.</summary>
    public IReadOnlyList<Setting> Settings { get; }

    /// <summary>The keys set by switches, with their values.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; }

    /// <summary>The <c>--Section:Key value</c> arguments, as <c>AddCommandLine</c> reads them.</summary>
    public IReadOnlyList<string> KeyArguments { get; }

    /// <summary>Set when the executable should end now: 0 after <c>--help</c> or <c>--version</c>, 2 after a command-line error (already written).</summary>
    public int? ExitCode { get; }

    /// <summary>Whether a flag of <c>otherOptions</c> was given.</summary>
    public bool IsSet(Option<bool> option) => _result?.GetValue(option) ?? false;

    /// <summary>No command line: the environment variables of <paramref name="groups"/> only (tests, compositions).</summary>
    public static SettingsCommandLine None(IEnumerable<SettingGroup> groups) =>
        new(SettingGroup.Flatten(groups), null, new Dictionary<string, string?>(), [], null);

    /// <summary>
    /// Parses <paramref name="args"/>. <c>--help</c> is written to <paramref name="output"/>; errors, with what to do,
    /// to <paramref name="error"/>. <paramref name="otherOptions"/> are the executable's own switches (e.g. <c>--health-check</c>).
    /// </summary>
    /// <paramref name="defaults"/> are the executable's own defaults of some keys (e.g. its HTTP port), for help.
    public static SettingsCommandLine Parse(string[] args, string description, IEnumerable<SettingGroup> groups, IEnumerable<Option>? otherOptions = null,
        IReadOnlyDictionary<string, string>? defaults = null, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(groups);
        output ??= Console.Out;
        error ??= Console.Error;
        var settings = SettingGroup.Flatten(groups);
        var root = new RootCommand(description + Environment.NewLine + Environment.NewLine
            + "Each switch is also an environment variable of the same name; any configuration key can be given as --Section:Key value. "
            + "Every setting in full: docs/configuration.md.") { TreatUnmatchedTokensAsErrors = false };
        var options = new List<(Setting Setting, Option<string> Option)>();
        foreach (var setting in settings)
        {
            var option = new Option<string>(setting.Switch, [.. setting.Aliases]) { HelpName = "value" };
            root.Options.Add(option);
            options.Add((setting, option));
        }
        foreach (var option in otherOptions ?? [])
        {
            root.Options.Add(option);
        }

        var result = root.Parse(args);
        var problems = result.Errors.Select(parseError => parseError.Message)
            .Concat(result.UnmatchedTokens.Where(IsUnknownSwitch).Select(token =>
                $"'{token}' is not a setting of this program: see --help for the switches (each is also an environment variable), or give any configuration key as --Section:Key value."))
            .ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }
            return new SettingsCommandLine(settings, result, new Dictionary<string, string?>(), [], 2);
        }
        if (result.Action is not null)
        {
            // --help or --version: only now is it worth reading the defaults.
            var appSettings = AppSettings();
            foreach (var (setting, option) in options)
            {
                option.Description = $"{setting.Description} [env {setting.Name}; key {setting.Key}; default: {appSettings[setting.Key] ?? defaults?.GetValueOrDefault(setting.Key) ?? setting.DescribeDefault()}]";
            }
            return new SettingsCommandLine(settings, result, new Dictionary<string, string?>(), [], result.Invoke(new InvocationConfiguration { Output = output, Error = error }));
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (setting, option) in options)
        {
            if (result.GetResult(option) is { Implicit: false })
            {
                values[setting.Key] = result.GetValue(option);
            }
        }
        return new SettingsCommandLine(settings, result, values, [.. result.UnmatchedTokens], null);
    }

    /// <summary>A switch that names no setting and no configuration key (<c>--Section:Key</c>); a value after a key passes.</summary>
    static bool IsUnknownSwitch(string token) => token.StartsWith('-') && !token.Contains(':', StringComparison.Ordinal) && !double.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out _);

    static IConfiguration AppSettings() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .Build();
}
