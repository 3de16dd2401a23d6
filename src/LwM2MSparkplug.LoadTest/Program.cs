using LwM2MSparkplug.LoadTest;
using Microsoft.Extensions.Logging;
using Spectre.Console;

// The devices' own logs would tear the live table: warnings and errors only, on standard error.
using var loggers = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Warning)
    .AddSimpleConsole(console => console.SingleLine = true)
    .AddFilter((_, level) => level >= LogLevel.Warning));
return await LoadTestCommand.Create(AnsiConsole.Console, loggers).Parse(args).InvokeAsync();
