using LwM2MSparkplug.LoadTest;
using Microsoft.Extensions.Logging;
using Spectre.Console;

// The devices' own logs would tear the live table: warnings and errors only, on standard error.
using var loggers = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Warning)
    .AddSimpleConsole(console => console.SingleLine = true)
    .AddFilter((_, level) => level >= LogLevel.Warning));
var parse = LoadTestCommand.Create(AnsiConsole.Console, loggers).Parse(args);
if (parse.Errors.Count > 0)
{
    // A bad command line is exit code 2, as a bad option value is (1 is a run that could not finish).
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message);
    }
    await Console.Error.WriteLineAsync("See --help.");
    return 2;
}
return await parse.InvokeAsync();
