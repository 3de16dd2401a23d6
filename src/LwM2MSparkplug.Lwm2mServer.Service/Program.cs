using LwM2MSparkplug.Lwm2mServer;
using LwM2MSparkplug.ServiceDefaults;
using LwM2MSparkplug.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(Lwm2mServerExtensions.DefaultHttpPort, args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(Lwm2mServerExtensions.ServiceName, Lwm2mServerExtensions.DefaultHttpPort, args);
builder.AddLwm2mServer();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapLwm2mServerApi();

return await app.RunServiceAsync();
