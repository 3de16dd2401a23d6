using System.Text.Json.Nodes;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>One panel query of a provisioned Grafana dashboard.</summary>
public sealed record PanelQuery(string Dashboard, string Panel, string RefId, string Expression, JsonNode? Datasource)
{
    public override string ToString() => $"{Dashboard} / {Panel} / {RefId}";

    /// <summary>The metric names the expression reads.</summary>
    public IReadOnlySet<string> Metrics => PromQl.MetricNames(Expression);

    /// <summary>The expression as Grafana sends it, with its interval variables replaced.</summary>
    public string Resolve(string rateInterval) => Expression.Replace("$__rate_interval", rateInterval, StringComparison.Ordinal)
        .Replace("$__interval", rateInterval, StringComparison.Ordinal)
        .Replace("$__range", rateInterval, StringComparison.Ordinal);
}

/// <summary>The dashboards in grafana/dashboards.</summary>
public static class Dashboards
{
    public static IReadOnlyList<(string File, JsonObject Json)> All { get; } =
        [.. Directory.GetFiles(RepositoryPaths.Combine("grafana", "dashboards"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(file => (Path.GetFileName(file), JsonNode.Parse(File.ReadAllText(file))!.AsObject()))];

    public static IEnumerable<JsonObject> Panels(JsonObject dashboard) =>
        dashboard["panels"]!.AsArray().Select(panel => panel!.AsObject())
            .SelectMany(panel => panel["panels"] is JsonArray nested ? [panel, .. nested.Select(p => p!.AsObject())] : new[] { panel });

    public static IReadOnlyList<PanelQuery> Queries { get; } =
        [.. All.SelectMany(dashboard => Panels(dashboard.Json)
            .Where(panel => panel["type"]!.GetValue<string>() != "row")
            .SelectMany(panel => panel["targets"]!.AsArray().Select(target => new PanelQuery(
                dashboard.Json["title"]!.GetValue<string>(),
                panel["title"]!.GetValue<string>(),
                target!["refId"]!.GetValue<string>(),
                target["expr"]!.GetValue<string>(),
                target["datasource"]))))];
}
