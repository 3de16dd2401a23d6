namespace LwM2MSparkplug.Protocols.Senml;

/// <summary>
/// One SenML record (RFC 8428 §4): names and exactly one value. <see cref="ObjectLinkValue"/> is LwM2M's <c>vlo</c>
/// extension (LwM2M 1.2 Core §7.4.5); <see cref="DataValue"/> is base64url text as on the wire.
/// </summary>
public sealed record SenmlRecord
{
    public string? BaseName { get; init; }
    public string? Name { get; init; }
    public double? BaseTime { get; init; }
    public double? Time { get; init; }
    public double? Value { get; init; }
    public string? StringValue { get; init; }
    public bool? BooleanValue { get; init; }
    public string? DataValue { get; init; }
    public string? ObjectLinkValue { get; init; }

    public bool HasValue => Value is not null || StringValue is not null || BooleanValue is not null || DataValue is not null || ObjectLinkValue is not null;
}

/// <summary>A record with its full name resolved (base name + name) and its absolute time, per RFC 8428 §4.6.</summary>
public sealed record SenmlResolvedRecord(string Name, SenmlRecord Record, double? Time);
