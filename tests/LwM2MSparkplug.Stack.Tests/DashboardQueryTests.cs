using System.Net.Http.Json;
using System.Text.Json;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>
/// Every dashboard query on our own services, evaluated by a real Prometheus that scrapes the standalone stack
/// with the project's scrape jobs, while the stack is used the way the dashboards expect (polled events,
/// device-management reads).
/// </summary>
[Collection(StandaloneStackCollection.Name)]
public sealed class DashboardQueryTests(StandaloneFixture stack)
{
    const string RateInterval = "10s";
    static readonly HashSet<string> OtherProductJobs = new(StringComparer.Ordinal) { "redpanda", "redpanda-connect" };

    [Fact]
    public async Task EveryPanelQueryOnOurServices_ReturnsData()
    {
        await using var prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string>
        {
            ["lwm2m-server"] = stack.Application.Lwm2mServerUrl.Authority,
            ["sparkplug-host"] = stack.Application.SparkplugHostUrl.Authority,
            ["device-simulator"] = stack.Application.SimulatorUrl.Authority,
            ["mqtt-kafka-bridge"] = stack.Application.BridgeUrl.Authority,
        });
        using var traffic = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var load = UseTheStackAsync(traffic.Token);
        var queries = Dashboards.Queries
            .Where(query => !query.Metrics.Any(DocumentedMetrics.IsOfAnotherProduct) && !PromQl.Jobs(query.Expression).Any(OtherProductJobs.Contains))
            .ToList();
        Assert.True(queries.Count > 50, $"only {queries.Count} queries on our services");

        await Eventually.UntilAsync(async () => (await prometheus.QueryAsync("up == 1")).Count == 5, "Prometheus scrapes all four services and itself", TimeSpan.FromSeconds(30));
        // Poll with a deadline: rates need a few scrapes, quantiles a few requests.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        List<string> empty;
        while (true)
        {
            empty = [];
            foreach (var query in queries)
            {
                var result = await prometheus.QueryAsync(query.Resolve(RateInterval));
                if (!result.Any(series => double.IsFinite(series.Value)))
                {
                    empty.Add($"{query}: {query.Expression}");
                }
            }
            if (empty.Count == 0 || deadline.Elapsed > TimeSpan.FromSeconds(40))
            {
                break;
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        Assert.True(empty.Count == 0, "Queries without data:\n" + string.Join('\n', empty));

        await traffic.CancelAsync();
        await load;
    }

    [Fact]
    public async Task AlertRules_LoadInPrometheus_AndStayQuietOnAHealthyStack()
    {
        await using var prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string>
        {
            ["lwm2m-server"] = stack.Application.Lwm2mServerUrl.Authority,
            ["sparkplug-host"] = stack.Application.SparkplugHostUrl.Authority,
        });

        var rules = await Eventually.ValueAsync(
            () => prometheus.Http.GetFromJsonAsync<JsonElement>("api/v1/rules", TestContext.Current.CancellationToken),
            answer => answer.GetProperty("data").GetProperty("groups").GetArrayLength() > 0, "the rule group is loaded");
        var names = rules.GetProperty("data").GetProperty("groups")[0].GetProperty("rules").EnumerateArray().Select(rule => rule.GetProperty("name").GetString()).ToList();
        Assert.Contains("ServiceDown", names);
        Assert.Contains("NoSparkplugData", names);
        Assert.All(rules.GetProperty("data").GetProperty("groups")[0].GetProperty("rules").EnumerateArray(), rule => Assert.NotEqual("err", rule.GetProperty("health").GetString()));
    }

    /// <summary>What Redpanda Connect and an operator do: poll events, read a resource.</summary>
    async Task UseTheStackAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var events = await stack.Lwm2mServer.GetAsync("/api/events?consumer=dashboard-test", cancellationToken);
                using var read = await stack.Lwm2mServer.GetAsync($"/api/devices/{stack.DeviceIds[0]}/3/0/9", cancellationToken);
                await Task.Delay(200, cancellationToken); // pacing of a poller, not synchronisation
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
