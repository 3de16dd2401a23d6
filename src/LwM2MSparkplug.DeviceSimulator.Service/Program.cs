using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.ServiceDefaults;
using LwM2MSparkplug.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(DeviceSimulatorExtensions.DefaultHttpPort, args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(DeviceSimulatorExtensions.ServiceName, DeviceSimulatorExtensions.DefaultHttpPort, args);
builder.AddDeviceSimulator();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeviceSimulatorApi();

return await app.RunServiceAsync();
