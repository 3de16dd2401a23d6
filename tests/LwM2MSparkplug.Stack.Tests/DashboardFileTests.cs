using System.Text.Json.Nodes;

namespace LwM2MSparkplug.Stack.Tests;

public sealed class DashboardFileTests
{
    static readonly string DatasourceUid = YamlFile.Load("grafana", "provisioning", "datasources", "prometheus.yaml")["datasources"]![0]!["uid"]!.GetValue<string>();

    static readonly HashSet<string> ScrapeJobs = YamlFile.Load("prometheus", "prometheus.yml")["scrape_configs"]!.AsArray()
        .Select(job => job!["job_name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> Queries() => [.. Dashboards.Queries.Select(query => query.ToString())];

    static PanelQuery Query(string name) => Dashboards.Queries.Single(query => query.ToString() == name);

    [Theory]
    [InlineData("Data Flow Pipeline")]
    [InlineData("LwM2M HTTP Bridge Overview")]
    [InlineData("LwM2M HTTP Connector Detailed Analysis")]
    [InlineData("Unified IoT Overview")]
    [InlineData("Redpanda & Bridge")]
    public void EveryDashboardOfTheOriginal_IsProvisioned(string title)
    {
        var dashboard = Assert.Single(Dashboards.All, d => d.Json["title"]!.GetValue<string>() == title).Json;

        Assert.False(string.IsNullOrEmpty(dashboard["uid"]?.GetValue<string>()));
        Assert.Null(dashboard["__inputs"]);
        Assert.NotEmpty(Dashboards.Panels(dashboard));
    }

    [Fact]
    public void DashboardUids_AreUnique_AndMatchTheirFileNames()
    {
        Assert.All(Dashboards.All, d => Assert.Equal(Path.GetFileNameWithoutExtension(d.File), d.Json["uid"]!.GetValue<string>()));
        Assert.Equal(Dashboards.All.Count, Dashboards.All.Select(d => d.Json["uid"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryPanel_NamesTheProvisionedDatasourceByItsUid()
    {
        foreach (var (file, dashboard) in Dashboards.All)
        {
            foreach (var panel in Dashboards.Panels(dashboard).Where(panel => panel["type"]!.GetValue<string>() != "row"))
            {
                Assert.True(panel["datasource"]?["uid"]?.GetValue<string>() == DatasourceUid, $"{file}: panel '{panel["title"]}' does not name datasource uid '{DatasourceUid}'");
                Assert.Equal("prometheus", panel["datasource"]!["type"]!.GetValue<string>());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void EveryQuery_NamesTheDatasource_AndReadsOnlyKnownMetrics(string name)
    {
        var query = Query(name);

        Assert.Equal(DatasourceUid, query.Datasource?["uid"]?.GetValue<string>());
        Assert.NotEmpty(query.Metrics);
        foreach (var metric in query.Metrics)
        {
            var ours = metric == "up" || metric.Split('_')[0] is "lwm2m" or "sparkplug" or "simulator" or "bridge" or "http";
            Assert.True(ours || DocumentedMetrics.IsOfAnotherProduct(metric), $"{metric} is neither one of ours nor documented by Redpanda or Redpanda Connect");
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void JobSelectors_NameScrapeJobsOfPrometheusYml(string name)
    {
        Assert.All(PromQl.Jobs(Query(name).Expression), job => Assert.Contains(job, ScrapeJobs));
    }

    [Fact]
    public void DashboardProvider_ReadsTheFolderComposeMounts()
    {
        var provider = YamlFile.Load("grafana", "provisioning", "dashboards", "lwm2m-sparkplug.yaml")["providers"]![0]!;
        var compose = File.ReadAllText(LwM2MSparkplug.Testing.RepositoryPaths.Combine("docker-compose.yml"));

        Assert.Equal("file", provider["type"]!.GetValue<string>());
        Assert.Contains($"./grafana/dashboards:{provider["options"]!["path"]!.GetValue<string>()}:ro", compose, StringComparison.Ordinal);
        Assert.Contains("./grafana/provisioning:/etc/grafana/provisioning:ro", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void Datasource_PointsAtTheComposePrometheus()
    {
        var datasource = YamlFile.Load("grafana", "provisioning", "datasources", "prometheus.yaml")["datasources"]![0]!;

        Assert.Equal("http://prometheus:9090", datasource["url"]!.GetValue<string>());
        Assert.Equal("prometheus", datasource["type"]!.GetValue<string>());
    }

    [Fact]
    public void PanelIds_AreUniqueWithinEachDashboard()
    {
        Assert.All(Dashboards.All, d =>
        {
            var ids = Dashboards.Panels(d.Json).Select(panel => panel["id"]!.GetValue<int>()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        });
    }

    [Fact]
    public void PromQl_FindsMetricNamesButNotFunctionsLabelsOrVariables()
    {
        var metrics = PromQl.MetricNames("histogram_quantile(0.95, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket{job=\"lwm2m-server\"}[$__rate_interval]))) or vector(0) / up");

        Assert.Equal(["http_request_duration_seconds_bucket", "up"], metrics.Order(StringComparer.Ordinal));
    }
}
