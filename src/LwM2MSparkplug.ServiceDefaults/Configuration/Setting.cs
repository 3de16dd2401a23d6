using System.Collections;
using System.Globalization;

namespace LwM2MSparkplug.ServiceDefaults.Configuration;

/// <summary>
/// One setting as people give it: a flat environment variable that is also a command-line switch (<c>MQTT_PORT</c>,
/// <c>--MQTT_PORT</c>), the configuration key it sets (<c>Mqtt:Port</c>) and what it does. Its default is the options
/// class's own (<see cref="Default"/>) or, where the code decides it elsewhere, a few words (<see cref="DefaultText"/>);
/// the executable's appsettings.json wins over both, as it does when the service runs.
/// </summary>
public sealed record Setting(string Name, string Key, string Description)
{
    /// <summary>The options class's default value.</summary>
    public object? Default { get; init; }

    /// <summary>Words for a default that is no single value (e.g. "per service").</summary>
    public string? DefaultText { get; init; }

    /// <summary>Short command-line forms, e.g. <c>--devices</c>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The switch: the flat name after two dashes.</summary>
    public string Switch => "--" + Name;

    /// <summary>The default as help shows it.</summary>
    public string DescribeDefault() => DefaultText ?? Format(Default);

    static string Format(object? value) => value switch
    {
        null => "none",
        string { Length: 0 } => "none",
        string text => text,
        bool flag => flag ? "true" : "false",
        TimeSpan span => span.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(',', items.Cast<object?>().Select(Format)) is { Length: > 0 } joined ? joined : "none",
        _ => value.ToString() ?? "none",
    };
}
