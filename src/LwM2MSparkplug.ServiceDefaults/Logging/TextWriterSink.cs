using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace LwM2MSparkplug.ServiceDefaults.Logging;

/// <summary>Writes formatted events to a <see cref="TextWriter"/>, for a log that goes somewhere other than the console.</summary>
public sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    readonly Lock _writing = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_writing)
        {
            formatter.Format(logEvent, output);
            output.Flush();
        }
    }
}
