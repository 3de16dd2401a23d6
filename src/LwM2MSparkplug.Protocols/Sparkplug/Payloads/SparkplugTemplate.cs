namespace LwM2MSparkplug.Protocols.Sparkplug.Payloads;

/// <summary>
/// A Template metric value (Sparkplug 3.0 §6.4.8): a definition (in NBIRTH, <see cref="IsDefinition"/> true,
/// no <see cref="TemplateRef"/>) or an instance that names its definition in <see cref="TemplateRef"/>.
/// </summary>
public sealed class SparkplugTemplate : IEquatable<SparkplugTemplate>
{
    public SparkplugTemplate(
        string? version,
        string? templateRef,
        bool isDefinition,
        IReadOnlyList<SparkplugMetric> metrics,
        IReadOnlyList<SparkplugTemplateParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        if (isDefinition && templateRef is not null)
        {
            throw new ArgumentException("A template definition has no template_ref.", nameof(templateRef));
        }
        if (!isDefinition && templateRef is null)
        {
            throw new ArgumentException("A template instance names its definition in template_ref.", nameof(templateRef));
        }
        Version = version;
        TemplateRef = templateRef;
        IsDefinition = isDefinition;
        Metrics = metrics;
        Parameters = parameters;
    }

    public string? Version { get; }
    public string? TemplateRef { get; }
    public bool IsDefinition { get; }
    public IReadOnlyList<SparkplugMetric> Metrics { get; }
    public IReadOnlyList<SparkplugTemplateParameter> Parameters { get; }

    public bool Equals(SparkplugTemplate? other) =>
        other is not null
        && Version == other.Version
        && TemplateRef == other.TemplateRef
        && IsDefinition == other.IsDefinition
        && Metrics.SequenceEqual(other.Metrics)
        && Parameters.SequenceEqual(other.Parameters);

    public override bool Equals(object? obj) => Equals(obj as SparkplugTemplate);
    public override int GetHashCode() => HashCode.Combine(TemplateRef, IsDefinition, Metrics.Count);
    public override string ToString() => IsDefinition ? "Template definition" : $"Template instance of {TemplateRef}";
}
