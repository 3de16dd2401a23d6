using LwM2MSparkplug.ServiceDefaults.Logging;
using Microsoft.Extensions.Time.Testing;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace LwM2MSparkplug.ServiceDefaults.Tests.Logging;

public sealed class RepeatedEventLimiterTests
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    readonly CollectingSink _written = new();
    readonly List<LogEventLevel> _suppressed = [];

    [Fact]
    public void AFloodOfOneWarning_WritesTheLimit_ThenOneLineCountingTheRest()
    {
        using var logger = CreateLogger(limit: 3);
        for (var i = 0; i < 25; i++)
        {
            logger.Warning("Rejected message on {Topic}: {Reason}", $"t/{i}", "bad_json");
        }
        Assert.Equal(3, _written.Events.Count);
        _time.Advance(TimeSpan.FromSeconds(61));

        // The window's end, not the logger's disposal, writes the summary.
        Assert.Equal(4, _written.Events.Count);
        Assert.All(_written.Events.Take(3), e => Assert.Equal("Rejected message on {Topic}: {Reason}", e.MessageTemplate.Text));
        var summary = _written.Events[3];
        Assert.Equal(LogEventLevel.Warning, summary.Level);
        Assert.Contains("Suppressed 22 repeats of \"Rejected message on {Topic}: {Reason}\" (reason \"bad_json\")", summary.RenderMessage(), StringComparison.Ordinal);
        Assert.Contains("LOG_REPEAT_LIMIT", summary.RenderMessage(), StringComparison.Ordinal);
        Assert.Equal(22, _suppressed.Count);
    }

    [Fact]
    public void EachReasonHasItsOwnLimit_AndInformationIsNeverLimited()
    {
        using (var logger = CreateLogger(limit: 2))
        {
            for (var i = 0; i < 5; i++)
            {
                logger.Warning("Rejected message on {Topic}: {Reason}", "t", "bad_json");
                logger.Warning("Rejected message on {Topic}: {Reason}", "t", "too_large");
                logger.Information("Registered {Endpoint}", $"dev-{i}");
            }
        }

        var rejects = _written.Events.Where(e => e.MessageTemplate.Text == "Rejected message on {Topic}: {Reason}").ToList();
        Assert.Equal(2, rejects.Count(e => e.Properties["Reason"].ToString() == "\"bad_json\""));
        Assert.Equal(2, rejects.Count(e => e.Properties["Reason"].ToString() == "\"too_large\""));
        Assert.Equal(5, _written.Events.Count(e => e.Level == LogEventLevel.Information));
        Assert.Equal(6, _suppressed.Count);
    }

    [Fact]
    public void ANewWindow_WritesAgain_AfterSayingHowManyWereSuppressed()
    {
        using var logger = CreateLogger(limit: 1);
        logger.Error("Kafka refused {Topic}", "a");
        logger.Error("Kafka refused {Topic}", "b");
        _time.Advance(TimeSpan.FromSeconds(60));
        logger.Error("Kafka refused {Topic}", "c");

        Assert.Equal(["Kafka refused \"a\"", "Suppressed 1 repeats of \"Kafka refused {Topic}\" in the last 60 s; raise LOG_REPEAT_LIMIT or LOG_REPEAT_WINDOW_SECONDS to see more", "Kafka refused \"c\""],
            _written.Events.Select(e => e.RenderMessage()));
    }

    [Fact]
    public void ALimitOfZero_WritesEverything()
    {
        using (var logger = CreateLogger(limit: 0))
        {
            for (var i = 0; i < 50; i++)
            {
                logger.Warning("Rejected message on {Topic}: {Reason}", "t", "bad_json");
            }
        }

        Assert.Equal(50, _written.Events.Count);
    }

    Logger CreateLogger(int limit) => new LoggerConfiguration()
        .WriteTo.Sink(new RepeatedEventLimiter(_written, new LogRepeatOptions { RepeatLimit = limit, RepeatWindowSeconds = 60 }, _time, _suppressed.Add))
        .CreateLogger();

    sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent)
        {
            lock (Events)
            {
                Events.Add(logEvent);
            }
        }
    }
}
