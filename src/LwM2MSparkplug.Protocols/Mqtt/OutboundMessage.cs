namespace LwM2MSparkplug.Protocols.Mqtt;

/// <summary>
/// A message a protocol core wants published. <see cref="Protocol"/> (<c>sparkplug</c>, <c>lwm2m</c>) and
/// <see cref="MessageType"/> (<c>ddata</c>, <c>register</c>, …) are short constant labels, for metrics.
/// </summary>
public readonly record struct OutboundMessage(
    string Topic,
    ReadOnlyMemory<byte> Payload,
    QualityOfService QualityOfService,
    bool Retain,
    string Protocol,
    string MessageType);
