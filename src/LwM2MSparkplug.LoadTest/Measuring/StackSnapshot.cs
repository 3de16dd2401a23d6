using LwM2MSparkplug.LoadTest.Devices;

namespace LwM2MSparkplug.LoadTest.Measuring;

/// <summary>Every count of the run, read at one moment: what the devices offered and what each hop took in or dropped.</summary>
public sealed record StackSnapshot(
    DateTimeOffset At,
    OfferedSnapshot Offered,
    BrokerSnapshot Broker,
    MetricsPage SparkplugHost,
    MetricsPage Lwm2mServer,
    MetricsPage Bridge,
    KafkaCounts Kafka,
    long BaselineReceived,
    long KafkaDiscarded,
    double LoadTestCpuSeconds);
