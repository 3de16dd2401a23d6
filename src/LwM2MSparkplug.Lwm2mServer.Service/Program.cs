using LwM2MSparkplug.Lwm2mServer;
using LwM2MSparkplug.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(Lwm2mServerExtensions.ServiceName, Lwm2mServerExtensions.DefaultHttpPort, args);
builder.AddLwm2mServer();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapLwm2mServerApi();

return await app.RunServiceAsync();
