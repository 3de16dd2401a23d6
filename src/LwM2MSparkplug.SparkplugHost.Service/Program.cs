using LwM2MSparkplug.SparkplugHost;
using LwM2MSparkplug.ServiceDefaults;
using LwM2MSparkplug.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(SparkplugHostExtensions.DefaultHttpPort, args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(SparkplugHostExtensions.ServiceName, SparkplugHostExtensions.DefaultHttpPort, args);
builder.AddSparkplugHost();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSparkplugHostApi();

return await app.RunServiceAsync();
