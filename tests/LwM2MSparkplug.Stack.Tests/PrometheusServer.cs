using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LwM2MSparkplug.Testing;

namespace LwM2MSparkplug.Stack.Tests;

/// <summary>
/// Debian's real Prometheus, configured from the project's prometheus/prometheus.yml (same jobs and rules) with each
/// job's targets replaced by the given local addresses, scraping every second.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    readonly TemporaryDirectory _directory;
    readonly Process _process;

    PrometheusServer(TemporaryDirectory directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public HttpClient Http { get; }

    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string> targets)
    {
        var prometheus = RequiredTool.Find("prometheus", "Debian package prometheus");
        var directory = new TemporaryDirectory();
        var port = FreePorts.Next();
        var config = YamlFile.Load("prometheus", "prometheus.yml").AsObject();
        config["global"]!["scrape_interval"] = "1s";
        config["global"]!["evaluation_interval"] = "1s";
        config["rule_files"] = new JsonArray(RepositoryPaths.Combine("prometheus", "alerts.yml"));
        var jobs = new JsonArray();
        foreach (var job in config["scrape_configs"]!.AsArray().Select(job => job!.AsObject()))
        {
            var name = job["job_name"]!.GetValue<string>();
            var target = name == "prometheus" ? $"127.0.0.1:{port}" : targets.GetValueOrDefault(name);
            if (target is null)
            {
                continue; // a product that does not run here (Redpanda, Redpanda Connect)
            }
            var local = job.DeepClone().AsObject();
            local.Remove("dns_sd_configs");
            local["static_configs"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray(target) });
            jobs.Add(local);
        }
        config["scrape_configs"] = jobs;
        var configPath = Path.Combine(directory.Path, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config.ToJsonString(), TestContext.Current.CancellationToken); // JSON is YAML

        var start = new ProcessStartInfo(prometheus) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { $"--config.file={configPath}", $"--storage.tsdb.path={Path.Combine(directory.Path, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(directory, process, port);
        await Eventually.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {process.ExitCode}");
            }
            using var ready = await server.Http.GetAsync("-/ready", TestContext.Current.CancellationToken);
            return ready.IsSuccessStatusCode;
        }, "Prometheus is ready", TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>The instant vector of <paramref name="query"/> now: each series' labels and value.</summary>
    public async Task<IReadOnlyList<(JsonElement Labels, double Value)>> QueryAsync(string query)
    {
        var answer = await Http.GetFromJsonAsync<JsonElement>("api/v1/query?query=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken);
        if (answer.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"{query}: {answer}");
        }
        var data = answer.GetProperty("data");
        return data.GetProperty("resultType").GetString() switch
        {
            "vector" => [.. data.GetProperty("result").EnumerateArray().Select(series => (series.GetProperty("metric"), Parse(series.GetProperty("value")[1].GetString()!)))],
            "scalar" => [(default(JsonElement), Parse(data.GetProperty("result")[1].GetString()!))],
            var other => throw new InvalidOperationException($"{query}: unexpected result type {other}"),
        };
    }

    static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
        _directory.Dispose();
    }
}
