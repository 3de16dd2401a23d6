using LwM2MSparkplug.DeviceSimulator;
using LwM2MSparkplug.ServiceDefaults;

var program = new ServiceProgram(DeviceSimulatorExtensions.ServiceName, DeviceSimulatorExtensions.DefaultHttpPort,
    "The device simulator: N devices, each one MQTT connection that is an LwM2M client and a Sparkplug edge node.", SimulatorSettings.Service);
return await program.RunAsync(args, builder => builder.AddDeviceSimulator(), app => app.MapDeviceSimulatorApi());
