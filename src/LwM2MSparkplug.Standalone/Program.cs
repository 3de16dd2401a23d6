using System.Runtime.InteropServices;
using LwM2MSparkplug.ServiceDefaults;
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

StandaloneApplication application;
try
{
    application = await StandaloneApplication.StartAsync(args, cancellationToken: stopping.Token);
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
