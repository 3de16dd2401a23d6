using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

public sealed class PrometheusConfigTests
{
    const string InstallHint = "Debian package prometheus";

    [Fact]
    public async Task PromtoolCheckConfig_AcceptsTheScrapeConfigAndRules()
    {
        var result = await ExternalCommand.RunAsync("promtool", InstallHint, ["check", "config", "prometheus/prometheus.yml"]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task PromtoolTestRules_PassesTheAlertUnitTests()
    {
        var result = await ExternalCommand.RunAsync("promtool", InstallHint, ["test", "rules", "prometheus/alerts.test.yml"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ServiceDown")]
    [InlineData("NoSparkplugData")]
    [InlineData("SparkplugRebirthStorm")]
    [InlineData("BridgeDeliveryFailures")]
    [InlineData("Lwm2mEventsBufferOverflow")]
    public void EveryAlert_HasAUnitTest(string alert)
    {
        var rules = YamlFile.Load("prometheus", "alerts.yml")["groups"]!.AsArray().SelectMany(group => group!["rules"]!.AsArray());
        var tests = YamlFile.Load("prometheus", "alerts.test.yml")["tests"]!.AsArray()
            .SelectMany(test => test!["alert_rule_test"]!.AsArray());

        Assert.Contains(rules, rule => rule!["alert"]!.GetValue<string>() == alert);
        Assert.Contains(tests, test => test!["alertname"]!.GetValue<string>() == alert && test["exp_alerts"]!.AsArray().Count > 0);
    }

    [Fact]
    public void Simulator_IsDiscoveredByDns_SoEveryReplicaIsScraped()
    {
        var job = ScrapeJob("device-simulator");

        var discovery = Assert.Single(job["dns_sd_configs"]!.AsArray());
        Assert.Equal("device-simulator", Assert.Single(discovery!["names"]!.AsArray())!.GetValue<string>());
        Assert.Equal("A", discovery["type"]!.GetValue<string>());
        Assert.Equal("8082", discovery["port"]!.GetValue<string>());
        Assert.Null(job["static_configs"]);
    }

    [Theory]
    [InlineData("redpanda", "redpanda:9644", "/public_metrics")]
    [InlineData("redpanda-connect", "redpanda-connect:4195", null)]
    [InlineData("lwm2m-server", "lwm2m-server:8080", null)]
    [InlineData("sparkplug-host", "sparkplug-host:8081", null)]
    public void StaticJobs_ScrapeTheDocumentedEndpoints(string job, string target, string? metricsPath)
    {
        var config = ScrapeJob(job);

        Assert.Equal(target, config["static_configs"]![0]!["targets"]![0]!.GetValue<string>());
        Assert.Equal(metricsPath, config["metrics_path"]?.GetValue<string>());
    }

    static System.Text.Json.Nodes.JsonNode ScrapeJob(string name) =>
        YamlFile.Load("prometheus", "prometheus.yml")["scrape_configs"]!.AsArray().Single(job => job!["job_name"]!.GetValue<string>() == name)!;
}
