namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// One message of the OMA MQTT binding: the CBOR map with integer keys of Transport Tbl 8.7-1. A request carries
/// <see cref="Operation"/> (key 1), a response <see cref="Result"/> (key 18), never both; every message has a
/// <see cref="Token"/> (key 2). The other keys are optional and depend on the operation.
/// </summary>
public sealed record OmaMessage(ulong Token)
{
    /// <summary>Key 1: the request's operation; null in a response.</summary>
    public OmaOperation? Operation { get; init; }

    /// <summary>Key 18: the response code, CoAP's class × 100 + detail (2.05 → 205); null in a request.</summary>
    public ushort? Result { get; init; }

    /// <summary>Key 3: the endpoint name; in no operation's CDDL, but if present it must match the topic's.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Key 4: the preferred content format (Bootstrap-Request).</summary>
    public ushort? PreferredContentFormat { get; init; }

    /// <summary>Key 5: the LwM2M path, e.g. <c>/3/0/0</c>.</summary>
    public string? Uri { get; init; }

    /// <summary>Key 6: a composite path list, SenML-ETCH CBOR bytes (Read-Composite, Observe-Composite).</summary>
    public ReadOnlyMemory<byte>? Paths { get; init; }

    /// <summary>Key 7: the content, in <see cref="ContentFormat"/> (a text string on the wire is kept as its UTF-8 bytes).</summary>
    public ReadOnlyMemory<byte>? Payload { get; init; }

    /// <summary>Key 8: the registration lifetime in seconds.</summary>
    public uint? Lifetime { get; init; }

    /// <summary>Key 9: the LwM2M version of a Register, e.g. <c>1.2</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Key 10: the binding, e.g. <c>M</c>.</summary>
    public string? Binding { get; init; }

    /// <summary>Key 11: the MSISDN.</summary>
    public string? Sms { get; init; }

    /// <summary>Key 19: the CoAP content format of <see cref="Payload"/>.</summary>
    public ushort? ContentFormat { get; init; }

    /// <summary>Keys 12–17, 20, 21: Write-Attributes.</summary>
    public OmaAttributes? Attributes { get; init; }

    /// <summary>Key 22: the depth of a Discover (0–3).</summary>
    public byte? Depth { get; init; }
}
