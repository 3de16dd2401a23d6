using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace LwM2MSparkplug.LoadTest.Reporting;

/// <summary>
/// The run as it goes, in the terminal: phase, elapsed, target rate, and per hop expected, delivered, dropped and
/// unexplained, refreshed every second (Spectre.Console's live display). Without a terminal, one line per phase.
/// </summary>
public sealed class LiveView(IAnsiConsole console, bool interactive) : ILoadTestProgress
{
    static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    readonly object _gate = new();
    string _status = "starting";
    string _phase = "";
    double _rate;
    TimeSpan _duration;
    Stopwatch _elapsed = new();
    Func<CancellationToken, Task<IReadOnlyList<HopRow>>>? _hops;

    public void Status(string status)
    {
        lock (_gate)
        {
            _status = status;
        }
        if (!interactive)
        {
            console.MarkupLineInterpolated($"[grey]{DateTime.Now:HH:mm:ss}[/] {status}");
        }
    }

    public void Phase(string name, double rate, TimeSpan duration, Func<CancellationToken, Task<IReadOnlyList<HopRow>>>? hops)
    {
        lock (_gate)
        {
            (_phase, _rate, _duration, _hops, _elapsed) = (name, rate, duration, hops, Stopwatch.StartNew());
            _status = name;
        }
        if (!interactive)
        {
            console.MarkupLineInterpolated($"[grey]{DateTime.Now:HH:mm:ss}[/] {name}: {rate:N0} DDATA/s for {duration.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Runs <paramref name="work"/> with the live table on screen (when interactive).</summary>
    public async Task<T> ShowAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!interactive)
        {
            return await work();
        }
        T result = default!;
        await console.Live(Render([])).AutoClear(true).StartAsync(async context =>
        {
            var running = work();
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(Refresh, cancellationToken));
                Func<CancellationToken, Task<IReadOnlyList<HopRow>>>? hops;
                lock (_gate)
                {
                    hops = _hops;
                }
                IReadOnlyList<HopRow> rows = [];
                if (hops is not null && !running.IsCompleted)
                {
                    try
                    {
                        rows = await hops(cancellationToken);
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
                context.UpdateTarget(Render(rows));
            }
            result = await running;
        });
        return result;
    }

    Table Render(IReadOnlyList<HopRow> rows)
    {
        string title;
        lock (_gate)
        {
            title = _hops is null
                ? _status
                : $"{_phase} · {_elapsed.Elapsed.TotalSeconds:0}/{_duration.TotalSeconds:0} s · target {_rate.ToString("N0", CultureInfo.InvariantCulture)} DDATA/s";
        }
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumn("flow").AddColumn("hop")
            .AddColumn(new TableColumn("expected").RightAligned()).AddColumn(new TableColumn("delivered").RightAligned())
            .AddColumn(new TableColumn("dropped").RightAligned()).AddColumn(new TableColumn("pending").RightAligned())
            .AddColumn(new TableColumn("not yet / lost").RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row.Flow), Markup.Escape(row.Hop), N(row.Expected), N(row.Delivered),
                row.Dropped > 0 ? $"[red]{N(row.Dropped)}[/]" : N(row.Dropped), N(row.Pending),
                row.Unexplained != 0 ? $"[yellow]{N(row.Unexplained)}[/]" : N(row.Unexplained));
        }
        return table;
    }

    static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
