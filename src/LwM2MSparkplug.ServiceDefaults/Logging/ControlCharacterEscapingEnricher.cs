using Serilog.Core;
using Serilog.Events;

namespace LwM2MSparkplug.ServiceDefaults.Logging;

/// <summary>
/// Rewrites every string property of a log event with its control characters escaped, so no value that came from
/// outside can start a forged line (CR/LF) or send terminal escapes, whatever the sink and format.
/// </summary>
public sealed class ControlCharacterEscapingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<LogEventProperty>? rewritten = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var escaped = Escape(value);
            if (!ReferenceEquals(escaped, value))
            {
                (rewritten ??= []).Add(new LogEventProperty(name, escaped));
            }
        }
        foreach (var property in rewritten ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The value with its strings escaped; the same instance when nothing needed it.</summary>
    static LogEventPropertyValue Escape(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } when ControlCharacters.Contains(text) => new ScalarValue(ControlCharacters.Escape(text)),
        SequenceValue sequence when sequence.Elements.Any(NeedsEscaping) => new SequenceValue(sequence.Elements.Select(Escape)),
        StructureValue structure when structure.Properties.Any(p => NeedsEscaping(p.Value)) =>
            new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Escape(p.Value))), structure.TypeTag),
        DictionaryValue dictionary when dictionary.Elements.Any(e => NeedsEscaping(e.Key) || NeedsEscaping(e.Value)) =>
            new DictionaryValue(dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue)Escape(e.Key), Escape(e.Value)))),
        _ => value,
    };

    static bool NeedsEscaping(LogEventPropertyValue value) => !ReferenceEquals(Escape(value), value);
}
