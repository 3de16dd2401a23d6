using LwM2MSparkplug.KafkaBridge;
using LwM2MSparkplug.ServiceDefaults;

var program = new ServiceProgram(KafkaBridgeExtensions.ServiceName, KafkaBridgeExtensions.DefaultHttpPort,
    "The MQTT-to-Kafka bridge: forwards Sparkplug and LwM2M traffic into Kafka topics, acknowledging MQTT only once Kafka has the record.", KafkaBridgeSettings.Service);
return await program.RunAsync(args, builder => builder.AddKafkaBridge(), app => app.MapKafkaBridgeApi());
