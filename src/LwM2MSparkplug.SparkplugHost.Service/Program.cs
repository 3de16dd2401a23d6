using LwM2MSparkplug.SparkplugHost;
using LwM2MSparkplug.ServiceDefaults;

var program = new ServiceProgram(SparkplugHostExtensions.ServiceName, SparkplugHostExtensions.DefaultHttpPort,
    "The Sparkplug B 3.0 host application: edge node sessions, metrics, rebirths and commands, with a REST API.", SparkplugHostSettings.Service);
return await program.RunAsync(args, builder => builder.AddSparkplugHost(), app => app.MapSparkplugHostApi());
