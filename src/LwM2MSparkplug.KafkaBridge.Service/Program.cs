using LwM2MSparkplug.KafkaBridge;
using LwM2MSparkplug.ServiceDefaults;
using LwM2MSparkplug.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(KafkaBridgeExtensions.DefaultHttpPort, args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(KafkaBridgeExtensions.ServiceName, KafkaBridgeExtensions.DefaultHttpPort, args);
builder.AddKafkaBridge();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapKafkaBridgeApi();

return await app.RunServiceAsync();
