using System.Runtime.InteropServices;
using LwM2MSparkplug.ServiceDefaults;
using LwM2MSparkplug.ServiceDefaults.Configuration;
using LwM2MSparkplug.Standalone;
using Microsoft.Extensions.Options;

// The standalone stack: embedded MQTT broker (plain + TLS), LwM2M server, Sparkplug host and device
// simulator in one process. Ctrl+C (or SIGTERM) stops devices first, then services, then the broker.
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});

var commandLine = SettingsCommandLine.Parse(args, """
    LwM2MSparkplug standalone: an embedded MQTT broker (plain and TLS), an embedded Kafka, the LwM2M server with its
    web console, the Sparkplug host, the MQTT-to-Kafka bridge and simulated devices, in one process.
    """, StandaloneSettings.All);
if (commandLine.ExitCode is { } exitCode)
{
    return exitCode;
}

StandaloneApplication application;
try
{
    application = await StandaloneApplication.StartAsync(commandLine, cancellationToken: stopping.Token);
}
catch (OptionsValidationException exception)
{
    await ServiceDefaultsExtensions.ReportConfigurationErrorAsync(exception);
    return 2;
}

await using (application)
{
    Console.WriteLine(application.Describe());
    try
    {
        await Task.Delay(Timeout.Infinite, stopping.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Stopping…");
    }
}
return 0;
