namespace LwM2MSparkplug.Protocols.Lwm2m.Oma;

/// <summary>
/// The Write-Attributes keys of the binding: pmin 12, pmax 13, gt 14, st 15, epmin 16, epmax 17, edge 20, hqmax 21.
/// The binding has no key for <c>lt</c>, <c>con</c> or an unset attribute, so those cannot be written over it.
/// </summary>
public sealed record OmaAttributes
{
    public uint? MinimumPeriod { get; init; }
    public uint? MaximumPeriod { get; init; }
    public double? GreaterThan { get; init; }
    public double? Step { get; init; }
    public uint? MinimumEvaluationPeriod { get; init; }
    public uint? MaximumEvaluationPeriod { get; init; }
    public bool? Edge { get; init; }
    public uint? HistoricalQueueMaximum { get; init; }
}
