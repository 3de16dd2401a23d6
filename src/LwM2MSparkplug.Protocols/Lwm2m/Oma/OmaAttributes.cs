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

    /// <summary>The attributes as the changes a Write-Attributes makes, by their LwM2M names (edge as 0 or 1).</summary>
    public IReadOnlyList<KeyValuePair<string, double?>> ToChanges()
    {
        KeyValuePair<string, double?>[] all =
        [
            new("pmin", MinimumPeriod), new("pmax", MaximumPeriod), new("gt", GreaterThan), new("st", Step),
            new("epmin", MinimumEvaluationPeriod), new("epmax", MaximumEvaluationPeriod),
            new("edge", Edge is { } edge ? (edge ? 1 : 0) : null), new("hqmax", HistoricalQueueMaximum),
        ];
        return [.. all.Where(change => change.Value is not null)];
    }

    /// <summary>
    /// The keys for a Write-Attributes' changes; false, with why, for what the binding cannot carry: <c>lt</c>,
    /// <c>con</c>, unsetting (a null value), a period or count that is not an unsigned integer.
    /// </summary>
    public static bool TryFromChanges(IEnumerable<KeyValuePair<string, double?>> changes, out OmaAttributes attributes, out string notExpressible)
    {
        ArgumentNullException.ThrowIfNull(changes);
        attributes = new OmaAttributes();
        notExpressible = string.Empty;
        foreach (var (name, value) in changes)
        {
            if (value is not { } number)
            {
                notExpressible = $"the OMA MQTT binding cannot unset an attribute ('{name}': null): it has no encoding for it";
                return false;
            }
            if (name is "lt" or "con")
            {
                notExpressible = $"the OMA MQTT binding has no key for the attribute '{name}' (it has pmin, pmax, gt, st, epmin, epmax, edge, hqmax)";
                return false;
            }
            if (name is not ("gt" or "st") && (number != Math.Floor(number) || number is < 0 or > uint.MaxValue))
            {
                notExpressible = $"the OMA MQTT binding carries '{name}' as an unsigned integer; {number} is not one";
                return false;
            }
            attributes = name switch
            {
                "pmin" => attributes with { MinimumPeriod = (uint)number },
                "pmax" => attributes with { MaximumPeriod = (uint)number },
                "gt" => attributes with { GreaterThan = number },
                "st" => attributes with { Step = number },
                "epmin" => attributes with { MinimumEvaluationPeriod = (uint)number },
                "epmax" => attributes with { MaximumEvaluationPeriod = (uint)number },
                "edge" => attributes with { Edge = number == 1 },
                _ => attributes with { HistoricalQueueMaximum = (uint)number },
            };
        }
        return true;
    }
}
