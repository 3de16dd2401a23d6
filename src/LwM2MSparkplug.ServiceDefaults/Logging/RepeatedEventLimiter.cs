using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace LwM2MSparkplug.ServiceDefaults.Logging;

/// <summary>
/// A sink in front of the console that writes at most <see cref="LogRepeatOptions.RepeatLimit"/> warnings or errors
/// per message template and <c>Reason</c> property per window, so a flood of rejects cannot flood the log. What it
/// holds back is reported to the constructor's callback and summed up in one line of the same level when the window
/// ends. Information and below always pass: they are not what a flood of bad input produces.
/// </summary>
public sealed class RepeatedEventLimiter : ILogEventSink, IDisposable
{
    // Templates and reasons come from the code, so the keys are few; the cap only guards against a caller that puts
    // outside data into a reason.
    const int MaxKeys = 1024;
    const string OtherReason = "(other)";

    static readonly MessageTemplateParser TemplateParser = new();
    static readonly MessageTemplate SummaryWithReason = TemplateParser.Parse(
        "Suppressed {SuppressedCount} repeats of {RepeatedTemplate} (reason {Reason}) in the last {WindowSeconds} s; raise LOG_REPEAT_LIMIT or LOG_REPEAT_WINDOW_SECONDS to see more");
    static readonly MessageTemplate Summary = TemplateParser.Parse(
        "Suppressed {SuppressedCount} repeats of {RepeatedTemplate} in the last {WindowSeconds} s; raise LOG_REPEAT_LIMIT or LOG_REPEAT_WINDOW_SECONDS to see more");

    readonly ILogEventSink _inner;
    readonly int _limit;
    readonly TimeSpan _window;
    readonly TimeProvider _time;
    readonly Action<LogEventLevel>? _onSuppressed;
    readonly ConcurrentDictionary<(string Template, string? Reason), RepeatWindow> _windows = new();
    readonly ITimer? _flushTimer;

    public RepeatedEventLimiter(ILogEventSink inner, LogRepeatOptions options, TimeProvider time, Action<LogEventLevel>? onSuppressed = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _limit = options.RepeatLimit;
        _window = options.RepeatWindow;
        _time = time;
        _onSuppressed = onSuppressed;
        if (_limit > 0)
        {
            _flushTimer = time.CreateTimer(_ => FlushEndedWindows(), null, _window, _window);
        }
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (_limit == 0 || logEvent.Level < LogEventLevel.Warning)
        {
            _inner.Emit(logEvent);
            return;
        }
        var key = KeyOf(logEvent);
        // Count takes every lock of the dictionary: asked only for a key not seen yet.
        if (!_windows.TryGetValue(key, out var window))
        {
            window = _windows.GetOrAdd(_windows.Count < MaxKeys ? key : (key.Template, OtherReason), _ => new RepeatWindow());
        }
        LogEvent? summary;
        bool write;
        lock (window)
        {
            var now = _time.GetUtcNow();
            summary = window.HasEnded(now, _window) ? window.Restart(now, _window) : null;
            write = window.Admit(logEvent, now, _limit);
        }
        if (summary is not null)
        {
            _inner.Emit(summary);
        }
        if (write)
        {
            _inner.Emit(logEvent);
        }
        else
        {
            _onSuppressed?.Invoke(logEvent.Level);
        }
    }

    public void Dispose()
    {
        _flushTimer?.Dispose();
        FlushEndedWindows(force: true);
        (_inner as IDisposable)?.Dispose();
    }

    void FlushEndedWindows(bool force = false)
    {
        var now = _time.GetUtcNow();
        foreach (var window in _windows.Values)
        {
            LogEvent? summary;
            lock (window)
            {
                summary = force || window.HasEnded(now, _window) ? window.Restart(now, _window) : null;
            }
            if (summary is not null)
            {
                _inner.Emit(summary);
            }
        }
    }

    static (string Template, string? Reason) KeyOf(LogEvent logEvent) =>
        (logEvent.MessageTemplate.Text, logEvent.Properties.TryGetValue("Reason", out var reason) ? ReasonText(reason) : null);

    static string ReasonText(LogEventPropertyValue reason) => reason is ScalarValue { Value: var value } ? value?.ToString() ?? "null" : reason.ToString();

    /// <summary>One template and reason's current window: when it began, how many were written and held back.</summary>
    sealed class RepeatWindow
    {
        DateTimeOffset? _start;
        int _written;
        int _suppressed;
        LogEvent? _lastSuppressed;

        public bool HasEnded(DateTimeOffset now, TimeSpan length) => _start is { } start && now - start >= length;

        public bool Admit(LogEvent logEvent, DateTimeOffset now, int limit)
        {
            _start ??= now;
            if (_written < limit)
            {
                _written++;
                return true;
            }
            _suppressed++;
            _lastSuppressed = logEvent;
            return false;
        }

        /// <summary>Starts a new window; returns the line that sums up the old one's held-back events, if any.</summary>
        public LogEvent? Restart(DateTimeOffset now, TimeSpan length)
        {
            var summary = _lastSuppressed is { } last ? Summarise(last, _suppressed, now, length) : null;
            _start = null;
            _written = 0;
            _suppressed = 0;
            _lastSuppressed = null;
            return summary;
        }

        // The summary keeps the held-back event's context (service, source) but not its per-event values.
        static LogEvent Summarise(LogEvent last, int count, DateTimeOffset now, TimeSpan length)
        {
            var ownNames = last.MessageTemplate.Tokens.OfType<PropertyToken>().Select(t => t.PropertyName).ToHashSet(StringComparer.Ordinal);
            var properties = last.Properties.Where(p => !ownNames.Contains(p.Key)).Select(p => new LogEventProperty(p.Key, p.Value)).ToList();
            properties.Add(new LogEventProperty("SuppressedCount", new ScalarValue(count)));
            properties.Add(new LogEventProperty("RepeatedTemplate", new ScalarValue(last.MessageTemplate.Text)));
            properties.Add(new LogEventProperty("WindowSeconds", new ScalarValue(length.TotalSeconds)));
            var template = Summary;
            if (last.Properties.TryGetValue("Reason", out var reason))
            {
                properties.Add(new LogEventProperty("Reason", reason));
                template = SummaryWithReason;
            }
            return new LogEvent(now, last.Level, exception: null, template, properties);
        }
    }
}
