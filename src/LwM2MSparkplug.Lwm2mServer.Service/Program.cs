using LwM2MSparkplug.Lwm2mServer;
using LwM2MSparkplug.ServiceDefaults;

var program = new ServiceProgram(Lwm2mServerExtensions.ServiceName, Lwm2mServerExtensions.DefaultHttpPort,
    "The LwM2M server: device registry, device management REST API, events and the web console, over MQTT.", Lwm2mServerSettings.Service);
return await program.RunAsync(args, builder => builder.AddLwm2mServer(), app => app.MapLwm2mServerApi());
